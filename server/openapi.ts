import { z } from 'zod';
import { PullQuerySchema, PushRequestSchema } from '../shared/sync-protocol';
import { AuditQuerySchema } from './routes/audit';
import { InviteRequestSchema, RedeemSchema } from './routes/invites';
import { QuotaClaimSchema, QuotaReleaseSchema } from './routes/quota';
import { VERSION } from './version';

const json = (schema: z.ZodType) => ({
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
});
const query = (schema: z.ZodObject) =>
  Object.entries(z.toJSONSchema(schema, { io: 'input' }).properties ?? {}).map(([name, s]) => ({ name, in: 'query', schema: s }));
const error = {
  description: 'JSON error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
  },
};

/** The API document, built from the same zod schemas the routes validate with. */
export function openApiDocument(publicUrl: string) {
  const bearer = [{ device: [] }];
  return {
    openapi: '3.1.0',
    info: { title: 'Shop Access Companion sync server', version: VERSION },
    servers: [{ url: publicUrl }],
    components: { securitySchemes: { device: { type: 'http', scheme: 'bearer', description: 'A device token (sac_...)' } } },
    paths: {
      '/health': { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
      '/ready': { get: { summary: 'Readiness: the store answers', responses: { 200: { description: 'ready' }, 503: error } } },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/v1/invites/redeem': {
        post: {
          summary: 'Turn an invite into a device token',
          requestBody: json(RedeemSchema),
          responses: { 200: { description: 'token' }, 400: error, 404: error, 429: error },
        },
      },
      '/v1/push': {
        post: {
          summary: 'Push mutations',
          security: bearer,
          requestBody: json(PushRequestSchema),
          responses: { 200: { description: 'one result per mutation' }, 400: error, 401: error, 403: error, 413: error },
        },
      },
      '/v1/pull': {
        get: {
          summary: 'Pull changes since a version',
          security: bearer,
          parameters: query(PullQuerySchema),
          responses: { 200: { description: 'changes' }, 400: error, 401: error },
        },
      },
      '/v1/members': {
        get: {
          summary: "The team's members, each with their browsers (devices)",
          security: bearer,
          responses: { 200: { description: 'members' }, 401: error },
        },
      },
      '/v1/members/{id}': {
        delete: {
          summary: 'Remove a member: every browser of theirs is revoked at once, sockets closed, pending invites revoked',
          security: bearer,
          responses: { 200: { description: 'removed' }, 403: error, 404: error },
        },
      },
      '/v1/devices': {
        get: {
          summary: "The team's devices, with last seen",
          security: bearer,
          responses: { 200: { description: 'devices' }, 401: error },
        },
      },
      '/v1/devices/{id}': {
        delete: {
          summary:
            "Revoke a device (its open sockets close); a browser revoking itself (Leave) from its person's last browser also removes that member, unless an owner",
          security: bearer,
          responses: { 200: { description: 'revoked' }, 403: error, 404: error },
        },
      },
      '/v1/invites': {
        post: {
          summary: 'Create an invite link',
          security: bearer,
          requestBody: json(InviteRequestSchema),
          responses: { 201: { description: 'invite' }, 400: error, 403: error },
        },
        get: {
          summary: "The team's invites (by id, never the code); admins only",
          security: bearer,
          responses: { 200: { description: 'invites' }, 403: error },
        },
      },
      '/v1/invites/{id}': {
        delete: {
          summary: 'Revoke an invite; admins only',
          security: bearer,
          responses: { 200: { description: 'revoked' }, 403: error, 404: error },
        },
      },
      '/v1/invites/browser': {
        post: {
          summary: "Invite to add one more browser to the caller's own member (single use, 24 h)",
          security: bearer,
          responses: { 201: { description: 'invite' }, 401: error },
        },
      },
      '/v1/quota/claim': {
        post: {
          summary: "Claim some of a Business Center's 20 daily requests for the team (granted may be fewer)",
          security: bearer,
          requestBody: json(QuotaClaimSchema),
          responses: { 200: { description: '{granted, claimed, limit}' }, 400: error, 403: error },
        },
      },
      '/v1/quota/release': {
        post: {
          summary: 'Give back claimed requests that were not sent',
          security: bearer,
          requestBody: json(QuotaReleaseSchema),
          responses: { 200: { description: '{claimed}' }, 400: error, 403: error },
        },
      },
      '/v1/audit': {
        get: {
          summary: 'Accepted mutations: actor, device, server time',
          security: bearer,
          parameters: query(AuditQuerySchema),
          responses: { 200: { description: 'entries' }, 400: error },
        },
      },
      '/v1/calendar': {
        post: {
          summary: 'Create or rotate the secret ICS feed URL',
          security: bearer,
          responses: { 201: { description: 'url' }, 403: error },
        },
        delete: {
          summary: 'Revoke the ICS feed URL',
          security: bearer,
          responses: { 200: { description: 'revoked' }, 403: error },
        },
      },
      '/calendar/{secret}.ics': {
        get: {
          summary: 'ICS feed of authorization expiries, with reminders',
          responses: { 200: { description: 'text/calendar' }, 404: error },
        },
      },
      '/v1/live': {
        get: {
          summary: 'WebSocket (?token=): pokes after each commit, pings every 20 s',
          responses: { 101: { description: 'upgraded' }, 401: error },
        },
      },
    },
  };
}
