/**
 * Rehearsal helpers under /_local/ — not Konnect. They stand in for what happens outside the
 * API (an invitee registering) and let a test or a rehearsal inspect and rewind the org.
 */
import { acceptInvite } from '../store/users.js';
import { renderUser } from './render.js';
import { empty, json } from './reply.js';
import type { RequestLog } from './request-log.js';
import type { Route } from './router.js';

export function localRoutes(log: RequestLog): Route[] {
  return [
    {
      method: 'POST',
      path: '/_local/invites/accept',
      body: 'AcceptInvite',
      handler: ({ org, body }) => {
        const { email, full_name } = body as { email: string; full_name: string };
        return json(200, renderUser(acceptInvite(org.data, org.env, email, full_name)));
      },
    },
    { method: 'GET', path: '/_local/requests', handler: () => json(200, { data: log.list() }) },
    { method: 'GET', path: '/_local/stats', handler: () => json(200, log.counts()) },
    { method: 'GET', path: '/_local/outbox', handler: ({ org }) => json(200, { data: org.data.invitations_sent ?? [] }) },
    {
      method: 'POST',
      path: '/_local/reset',
      handler: ({ org }) => {
        org.reset();
        return empty(204);
      },
    },
  ];
}
