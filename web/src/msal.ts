/** The parts of MSAL the tab uses (nested app authentication), as one module auth.ts loads only in Teams. */
export { createNestablePublicClientApplication, InteractionRequiredAuthError } from '@azure/msal-browser';
