// The gateway's browser pages: GraphiQL at GET /graphql (for a browser: Accept text/html) and the statistics
// dashboard at /dashboard, their bundled assets under /assets/ (content-hashed names, built by `npm run build`), and
// outside production the development sign-in. Nothing is loaded from another host: each page gets a CSP that
// allows only the hub itself, and no inline script (the page's settings travel in a data attribute).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { rolesByAgencyKind } from '../auth/viewer.js';
import type { Logger } from '../observability/logger.js';
import { devSignInRoute, type DevSignInOptions } from './dev-sign-in.js';
import type { WebManifest } from './manifest.js';

export interface WebPagesOptions {
  /** Where `npm run build` put manifest.json and assets/ (default: dist/web of the working directory). */
  dir?: string;
  /** The development sign-in: only outside production (absent: no sign-in route, no form on the pages). */
  devSignIn?: DevSignInOptions;
  logger: Logger;
}

/**
 * The pages' CSP: only the hub itself (and data: URLs inside its own stylesheets and images). Monaco (GraphiQL's editor) writes its themes and decorations into <style> elements it creates at
 * run time, whose content no hash or nonce can name in advance: GraphiQL's page therefore allows inline styles
 * (styles only; scripts stay 'self'). The dashboard has no such need and gets style-src 'self'.
 */
export function contentSecurityPolicy(page: 'graphiql' | 'dashboard'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "img-src 'self' data:",
    // GraphiQL's stylesheet carries its fonts inline, as data: URLs (still nothing from another host).
    "font-src 'self' data:",
    page === 'graphiql' ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(res: Response): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function pageHtml(title: string, files: { script: string; style?: string }, config: object): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    files.style ? `<link rel="stylesheet" href="${escapeHtml(files.style)}">` : '',
    `<script type="module" src="${escapeHtml(files.script)}"></script>`,
    '</head>',
    `<body data-hub="${escapeHtml(JSON.stringify(config))}">`,
    '<div id="root"></div>',
    '<noscript>This page needs JavaScript.</noscript>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** A browser navigating to /graphql (no GraphQL request in the URL) gets GraphiQL; clients get the GraphQL answer. */
export function wantsGraphiQL(req: Request): boolean {
  if (req.method !== 'GET' || req.query.query !== undefined || req.query.extensions !== undefined) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

export interface WebPages {
  /** /assets/, /dashboard and the development sign-in. */
  router: express.Router;
  /** In front of /graphql: GraphiQL for browsers, anything else passes on. */
  graphiql: RequestHandler;
}

export function webPages(options: WebPagesOptions): WebPages {
  const dir = options.dir ?? path.resolve('dist/web');
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest: WebManifest | undefined = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as WebManifest) : undefined;
  if (!manifest) options.logger.warn(`web pages: ${manifestFile} is missing (run npm run build); /graphql serves no GraphiQL and /dashboard answers 503`);

  const devSignIn = options.devSignIn && {
    rolesByKind: Object.fromEntries(Object.entries(rolesByAgencyKind).map(([kind, roles]) => [kind, [...roles]])),
  };
  const page = (name: 'graphiql' | 'dashboard', title: string, config: object): RequestHandler => (_req, res) => {
    securityHeaders(res);
    res.setHeader('cache-control', 'no-store');
    if (!manifest) {
      res.status(503).type('text/plain').send('The web pages are not built: run npm run build.');
      return;
    }
    res.setHeader('content-security-policy', contentSecurityPolicy(name));
    res.type('html').send(pageHtml(title, manifest.pages[name], { ...config, ...(devSignIn ? { devSignIn } : {}) }));
  };
  const graphiqlPage = page('graphiql', 'Port Alliance Hub — GraphiQL', { workers: manifest?.workers });

  const router = express.Router();
  router.use(
    '/assets',
    (_req, res, next) => {
      securityHeaders(res);
      next();
    },
    // GraphiQL's bundle is 5.4 MB (Monaco, prettier, React): 1.5 MB gzipped, fetched once per version (immutable).
    compression(),
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false, dotfiles: 'deny' }),
  );
  router.get('/dashboard', page('dashboard', 'Port Alliance Hub — seizure statistics', {}));
  if (options.devSignIn) router.post('/dev/sign-in', ...devSignInRoute(options.devSignIn));

  return {
    router,
    graphiql: (req, res, next) => (wantsGraphiQL(req) ? graphiqlPage(req, res, next) : next()),
  };
}
