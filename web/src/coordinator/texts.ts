import { useMemo } from 'react';
import type { Messages } from '../../../src/i18n';
import { coordinatorEn } from '../../../src/i18n/coordinator.en';
import { coordinatorSv, type CoordinatorMessages } from '../../../src/i18n/coordinator.sv';
import { useMessages } from '../i18n';

/** The catalogue in the person's language with the coordinators' texts beside the tab's (this chunk only loads them). */
export type CMessages = Messages & { readonly tab: Messages['tab'] & CoordinatorMessages };

export function useCoordinatorMessages(): CMessages {
  const m = useMessages();
  return useMemo(() => ({ ...m, tab: { ...m.tab, ...(m.tab.lang === 'en' ? coordinatorEn : coordinatorSv) } }), [m]);
}
