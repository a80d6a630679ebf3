// `npm run keys`: a new signing key for the gateway instances of a scaled-out deployment, printed as the two
// settings to put in the deployment's secret store and configuration. Nothing is written to disk.
import { newPrivateJwk } from '../auth/dev-issuer.js';
import { gatewaySignerFrom } from '../auth/gateway-token.js';

const key = await newPrivateJwk(`gateway-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`);
const { jwks } = await gatewaySignerFrom(key);
process.stdout.write(`# Every gateway instance (secret):\nGATEWAY_SIGNING_KEY='${JSON.stringify(key)}'\n# Every subgraph (public):\nGATEWAY_JWKS='${JSON.stringify(jwks)}'\n`);
