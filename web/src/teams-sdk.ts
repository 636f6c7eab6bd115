/** The parts of teams-js the tab uses, as one module that teams.ts loads only when the page is framed. */
export { app, authentication, nestedAppAuth } from '@microsoft/teams-js';
