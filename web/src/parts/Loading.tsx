import { Spinner } from '@fluentui/react-components';
import { useMessages } from '../i18n';

/** The one loading indicator: a spinner with a label that says what is going on. */
export function Loading({ label }: { label?: string }) {
  const m = useMessages();
  return <Spinner size="medium" label={label ?? m.tab.loading} labelPosition="below" />;
}
