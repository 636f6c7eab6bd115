import { createContext, useContext } from 'react';
import { sv } from '../../src/i18n/sv';
import type { Messages } from '../../src/i18n';

/** The catalog in the person's language (src/i18n: the same texts as the bot's). */
export const MessagesContext = createContext<Messages>(sv);

export const useMessages = (): Messages => useContext(MessagesContext);

/** Text from the catalog is plain in the tab: the chat's **bold** marks are dropped. */
export const plainText = (text: string): string => text.replace(/\*\*/g, '');
