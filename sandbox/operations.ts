/**
 * The 50 operations of the reference (shared/spec/README.md), with the success status and the error statuses each
 * one documents in its "Responses" table. Routes are registered from this table, and the documented statuses decide
 * how "not found", "not yours" and "deleted" are answered where an operation does not list 404, 403 or 410.
 */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As written in the reference, with `{param}`. */
  path: string;
  success: 200 | 201 | 204;
  errors: readonly number[];
  /**
   * `required` for every operation that lists the `Authorization` header; `optional` for the two media file routes,
   * whose parameters list no header (lines 3093-3098, 3176-3182) because the URLs are handed to channel providers
   * that fetch them without the user's token. An optional token, when sent, must still be valid (their 401) and of
   * the media's enterprise (their 403).
   */
  auth: 'required' | 'optional' | 'none';
}

function op(
  method: Operation['method'],
  path: string,
  success: Operation['success'],
  errors: number[],
  auth: Operation['auth'] = 'required',
): Operation {
  return { method, path, success, errors, auth };
}

const entity = [400, 401, 403, 404, 410];

export const operations = {
  'auth.login': op('POST', '/api/auth', 200, [401], 'none'),
  'channels.list': op('GET', '/api/channels', 200, [401]),
  'channels.create': op('POST', '/api/channels', 201, [400, 401, 409]),
  'channels.get': op('GET', '/api/channels/{channel_id}', 200, entity),
  'channels.update': op('PATCH', '/api/channels/{channel_id}', 200, [400, 401, 403, 404]),
  'channels.delete': op('DELETE', '/api/channels/{channel_id}', 200, entity),
  'agents.get': op('GET', '/api/channels/{channel_id}/agents/{agent_id}', 200, entity),
  'agents.delete': op('DELETE', '/api/channels/{channel_id}/agents/{agent_id}', 200, entity),
  'agents.update': op('PATCH', '/api/channels/{channel_id}/agents/{agent_id}', 204, entity),
  'agents.create': op('POST', '/api/channels/{channel_id}/agents', 201, [400, 401, 403, 409, 410]),
  'channels.setChatbot': op('PUT', '/api/channels/chatbot', 204, [400, 401]),
  'customers.get': op('GET', '/api/customers/{identifier}', 200, entity),
  'customers.list': op('GET', '/api/customers', 200, [401]),
  'customers.create': op('POST', '/api/customers', 201, [400, 401, 409]),
  'customers.update': op('PATCH', '/api/customers/{customer_id}', 204, [400, 401, 403, 404]),
  'customers.delete': op('DELETE', '/api/customers/{customer_id}', 200, entity),
  // The reference lists no 401 here (line 2226), but the operation is the user's own data like every other list.
  'keywordEvents.list': op('GET', '/api/keyword_events', 200, []),
  'keywordEvents.create': op('POST', '/api/keyword_events', 201, [400, 401, 409]),
  'keywordEvents.get': op('GET', '/api/keyword_events/{event_id}', 200, entity),
  'keywordEvents.update': op('PATCH', '/api/keyword_events/{event_id}', 204, entity),
  'keywordEvents.delete': op('DELETE', '/api/keyword_events/{event_id}', 200, entity),
  'links.shorten': op('POST', '/api/links/shorten', 200, [400, 401, 406]),
  'links.tokens': op('GET', '/api/links/tokens', 200, [401]),
  'media.list': op('GET', '/api/media', 200, [401]),
  'media.upload': op('POST', '/api/media', 200, [400, 401]),
  'media.delete': op('DELETE', '/api/media', 200, [400, 401, 403, 404]),
  'media.get': op('GET', '/api/media/{enterprise_id}/{media_id}', 200, [400, 401, 403, 404], 'optional'),
  'media.getVariant': op('GET', '/api/media/{enterprise_id}/{media_id}/{size_type}', 200, [400, 401, 403, 404], 'optional'),
  'messages.history': op('GET', '/api/messages/{identifier}', 200, entity),
  'messages.delete': op('DELETE', '/api/messages/{messageID}', 204, [400, 401, 403, 404]),
  'rcs.send': op('POST', '/api/agents/rcs/{agent_id}/send', 200, entity),
  'settings.get': op('GET', '/api/settings', 200, [401]),
  'settings.update': op('PATCH', '/api/settings', 204, [400, 401]),
  'sms.send': op('POST', '/api/agents/sms/{agent_id}/send', 200, entity),
  'telegram.send': op('POST', '/api/agents/telegram/{agent_id}/send', 200, entity),
  'telegram.configure': op('PATCH', '/api/agents/telegram/{agent_id}', 200, entity),
  'viber.send': op('POST', '/api/agents/viber/{agent_id}/send', 200, entity),
  'whatsapp.send': op('POST', '/api/agents/whatsapp/{agent_id}/send', 200, entity),
  'whatsappTemplates.list': op('GET', '/api/agents/whatsapp/{agent_id}/templates', 200, [400, 401, 403, 410, 502]),
  'whatsappTemplates.create': op('POST', '/api/agents/whatsapp/{agent_id}/templates', 200, [400, 401, 403, 410, 502]),
  'whatsappTemplates.get': op('GET', '/api/agents/whatsapp/{agent_id}/templates/{template_id}', 200, [400, 401, 403, 410, 502]),
  'whatsappTemplates.update': op('PUT', '/api/agents/whatsapp/{agent_id}/templates/{template_id}', 204, [400, 401, 403, 410, 502]),
  'whatsappTemplates.activeBroadcast': op('GET', '/api/agents/whatsapp/{agent_id}/templates/active-broadcast', 200, [400, 401]),
  'whatsappTemplates.delete': op('DELETE', '/api/agents/whatsapp/{agent_id}/templates/{name}', 204, [400, 401, 410]),
  'wechat.send': op('POST', '/api/agents/wechat/{agent_id}/send', 200, entity),
  'scenarios.list': op('GET', '/api/scenarios', 200, [401]),
  'templates.list': op('GET', '/api/templates', 200, [400, 401]),
  'templates.create': op('POST', '/api/templates', 201, [400, 401]),
  'templates.get': op('GET', '/api/templates/{template_id}', 200, [400, 401, 403, 404]),
  'templates.delete': op('DELETE', '/api/templates/{template_id}', 200, [400, 401, 403, 404]),
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;

/** `/api/channels/{channel_id}` -> `/api/channels/:channel_id` (fastify's form). */
export function routePattern(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}
