// `npm run token -- --role ANALYST --agency FR-DGDDI [--role OFFICER] [--subject alice] [--name "Alice"] [--expires 8h]`
// Prints a token signed by the development issuer, which the hub trusts outside production mode only.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { devSigner } from '../auth/dev-issuer.js';
import { Role } from '../auth/viewer.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true, default: [] },
    agency: { type: 'string' },
    subject: { type: 'string', default: 'dev-user' },
    name: { type: 'string', default: 'Development user' },
    expires: { type: 'string', default: '8h' },
  },
});
const config = loadConfig();
if (!config.devIssuer) {
  console.error('The development issuer is not trusted in production mode.');
  process.exit(1);
}
const roles = values.role!;
const unknown = roles.filter((r) => !(r in Role));
if (!values.agency || unknown.length) {
  console.error(`Usage: npm run token -- --role <${Object.keys(Role).join('|')}> --agency <agency code or id>`);
  if (unknown.length) console.error(`Unknown role(s): ${unknown.join(', ')}`);
  process.exit(2);
}
const signer = await devSigner(config.dataDir);
console.log(await signer.sign({ subject: values.subject!, name: values.name, agency: values.agency, roles: roles as Role[] }, { audience: config.audience, expiresIn: values.expires }));
