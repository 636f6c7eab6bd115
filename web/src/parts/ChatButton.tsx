import { Button } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useSession } from '../session';

/** Opens the 1:1 chat with Acceleratorn (teams-js app.openLink); where there is no chat to open, `fallback` instead. */
export function ChatButton({ label, fallback = null, appearance = 'secondary' }: { label: string; fallback?: ReactNode; appearance?: 'primary' | 'secondary' }) {
  const { openChat } = useSession();
  if (!openChat) return <>{fallback}</>;
  return (
    <Button appearance={appearance} onClick={openChat}>
      {label}
    </Button>
  );
}
