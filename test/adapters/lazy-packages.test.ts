import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultAzureCredential } from '../../src/adapters/azure-credential';

const mockMade: { scopes: string | string[]; options: unknown }[][] = [];
jest.mock('@azure/identity', () => ({
  DefaultAzureCredential: class {
    private readonly asked: { scopes: string | string[]; options: unknown }[] = [];
    constructor() {
      mockMade.push(this.asked);
    }
    async getToken(scopes: string | string[], options?: unknown) {
      this.asked.push({ scopes, options });
      return { token: `token ${mockMade.indexOf(this.asked)}`, expiresOnTimestamp: 0 };
    }
  },
}));

const root = join(__dirname, '..', '..');

/**
 * @vercel/cosmosdb-server (the embedded store: development and tests) and @azure/identity (a managed identity:
 * production) are loaded where they are used, not when the adapters are: start-up pays only for what it runs.
 */
describe('packages loaded when first needed', () => {
  it('loading the Cosmos connection and the Graph directory loads neither package', () => {
    const script = `
      require('./src/adapters/cosmos/connection.ts');
      require('./src/adapters/directory/graph-directory.ts');
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/](@azure[\\\\/]identity|@vercel[\\\\/]cosmosdb-server)[\\\\/]/.test(k))));`;
    const out = execFileSync(process.execPath, ['-r', './test/helpers/ts-register.js', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([]);
  }, 30_000);

  it('defaultAzureCredential makes its DefaultAzureCredential at the first token, once, and asks it for every token', async () => {
    const credential = defaultAzureCredential();
    expect(mockMade).toHaveLength(0);

    const options = { requestOptions: { timeout: 5 } };
    await expect(credential.getToken('https://graph.microsoft.com/.default', options)).resolves.toEqual({ token: 'token 0', expiresOnTimestamp: 0 });
    await expect(Promise.all([credential.getToken(['a', 'b']), credential.getToken('c')])).resolves.toHaveLength(2);
    expect(mockMade).toEqual([
      [
        { scopes: 'https://graph.microsoft.com/.default', options },
        { scopes: ['a', 'b'], options: undefined },
        { scopes: 'c', options: undefined },
      ],
    ]);

    // Another call is another credential (another token cache), as `new DefaultAzureCredential()` was.
    await defaultAzureCredential().getToken('d');
    expect(mockMade).toHaveLength(2);
  });
});
