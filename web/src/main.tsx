import { createRoot } from 'react-dom/client';
import { FluentProvider, teamsLightTheme, Button } from '@fluentui/react-components';

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={teamsLightTheme}>
    <Button>Hej</Button>
  </FluentProvider>,
);
