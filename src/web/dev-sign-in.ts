// POST /dev/sign-in (outside production only): a short-lived token of the development issuer for a member agency
// and roles its kind may hold, so that a new user tries the access policy from GraphiQL or the dashboard in seconds.
// The body must be JSON ({"agency": "FR-DGDDI", "roles": ["ANALYST"]}): a cross-site form cannot send that without
// a CORS preflight the hub never grants, and a request announcing another origin is refused (CSRF).
import express, { type RequestHandler, type Response } from 'express';
import type { Signer } from '../auth/dev-issuer.js';
import type { AgencyDirectory } from '../auth/user-viewer.js';
import { Role, rolesByAgencyKind } from '../auth/viewer.js';
import { refuseCaller } from '../graphql-http.js';

export interface DevSignInOptions {
  /** The development issuer (the hub trusts it outside production only). */
  signer: Signer;
  audience: string;
  /** Where the agency named is looked up (the gateway's directory of members). */
  directory: AgencyDirectory;
  /** Token lifetime in seconds (default one hour). */
  lifetimeSeconds?: number;
}

function refuse(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
}

/** The sign-in's handlers: content-type and origin checks, a small JSON body, then the token. */
export function devSignInRoute(options: DevSignInOptions): RequestHandler[] {
  const lifetime = options.lifetimeSeconds ?? 3600;
  return [
    (req, res, next) => {
      res.setHeader('cache-control', 'no-store');
      if (!req.is('application/json')) return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the sign-in as application/json');
      const origin = req.get('origin');
      const sameOrigin = !origin || origin === `${req.protocol}://${req.get('host')}`;
      if (!sameOrigin || req.get('sec-fetch-site') === 'cross-site') return refuse(res, 403, 'FORBIDDEN', 'Sign in from the hub\'s own pages');
      next();
    },
    express.json({ limit: '4kb', strict: true }),
    async (req, res, next) => {
      try {
        const body = req.body as { agency?: unknown; roles?: unknown } | undefined;
        const agency = body?.agency;
        if (typeof agency !== 'string' || agency.length < 1 || agency.length > 64) return refuse(res, 400, 'BAD_USER_INPUT', 'agency: give an agency code (1 to 64 characters)', 'agency');
        const roles = body?.roles;
        if (!Array.isArray(roles) || roles.length < 1 || roles.length > 6 || new Set(roles).size !== roles.length || !roles.every((r): r is Role => typeof r === 'string' && r in Role)) {
          return refuse(res, 400, 'BAD_USER_INPUT', `roles: give 1 to 6 distinct roles among ${Object.keys(Role).join(', ')}`, 'roles');
        }
        const member = await options.directory(agency);
        if (!member) return refuse(res, 400, 'BAD_USER_INPUT', `agency: no member agency has the code ${JSON.stringify(agency)}`, 'agency');
        const allowed = rolesByAgencyKind[member.kind];
        const refused = roles.filter((r) => !allowed.has(r));
        if (refused.length) return refuse(res, 400, 'BAD_USER_INPUT', `roles: an agency of kind ${member.kind} cannot hold ${refused.join(', ')} (it may hold ${[...allowed].join(', ')})`, 'roles');
        const token = await options.signer.sign(
          { subject: `dev:${agency}:${roles.join('+')}`, name: `Development user (${roles.join(', ')}, ${agency})`, agency, roles },
          { audience: options.audience, expiresIn: `${lifetime}s` },
        );
        res.json({ token, expiresAt: new Date(Date.now() + lifetime * 1000).toISOString(), agency, kind: member.kind, roles });
      } catch (error) {
        // The directory cannot be asked now (core down): 503 with Retry-After, as for any token.
        if (!refuseCaller(res, error)) next(error);
      }
    },
  ];
}
