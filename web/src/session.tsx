import { createContext, useContext } from 'react';
import type { MeResponse } from '../../src/adapters/tab/contract';
import type { Call, Download } from './api';

/** The signed-in person's session: how to call the API, who the server says they are, how to reach the chat. */
export interface Session {
  readonly call: Call;
  /** Downloads an Excel export with the same credentials. */
  readonly download: Download;
  readonly me: MeResponse;
  readonly inTeams: boolean;
  /** Opens the 1:1 chat with the bot; absent when there is no chat to open (the local demo). */
  readonly openChat?: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}
