/**
 * The six send operations, `POST /api/agents/{kind}/{agent_id}/send` with `{customerNumber, payload}`: the agent
 * must be the caller's and of that kind, the payload one the channel type sends, and the customer not opted out.
 */
import { z } from 'zod';
import { describeIssues } from '../../common/parse';
import { ApiError } from '../api-error';
import type { Api } from '../http';
import { customerForAddress, sendToCustomer } from '../messaging';
import type { ChannelType } from '../model';
import type { OperationId } from '../operations';
import { checkPayload } from '../payloads';
import { parseInput } from '../validation';
import { ownedAgentOfType } from './lookups';

/** `payload` is required but may be null (WeChat's example, line 5498). */
const SendSchema = z.object({
  customerNumber: z.string().min(1),
  payload: z.custom<unknown>((value) => value !== undefined, { message: 'Required' }),
});

const sendOperations: [OperationId, ChannelType][] = [
  ['sms.send', 'SMS'],
  ['whatsapp.send', 'WA'],
  ['viber.send', 'VI'],
  ['telegram.send', 'TG'],
  ['rcs.send', 'RCS'],
  ['wechat.send', 'WECHAT'],
];

export function registerSendRoutes(api: Api): void {
  const { runtime } = api;
  for (const [operation, type] of sendOperations) {
    api.route(operation, (context) => {
      const { agent, channel } = ownedAgentOfType(context, context.params['agent_id'], type);
      const input = parseInput(SendSchema, context.body);
      const check = checkPayload(type, input.payload);
      if (!check.ok) {
        throw new ApiError(400, 'Invalid payload', check.issues === undefined ? check.message : `${check.message}: ${describeIssues(check.issues)}`);
      }
      if (check.kind === 'TEMPLATE') {
        const templateId = z.object({ template_id: z.string() }).parse(check.payload).template_id;
        if (!context.enterprise.templates.has(templateId)) throw new ApiError(400, 'Template not found', `No template with id ${templateId}`);
      }
      if (check.kind === 'CARD') {
        const templateId = z.object({ template_id: z.string() }).parse(check.payload).template_id;
        const template = context.enterprise.waTemplates.find((record) => record.agentId === agent._id && record.template.id === templateId);
        if (template === undefined) throw new ApiError(400, 'WhatsApp template not found', `Agent ${agent._id} has no WhatsApp template ${templateId}`);
        if (template.template.status !== 'APPROVED') {
          throw new ApiError(400, 'WhatsApp template not approved', `Template ${template.template.name} is ${template.template.status}; only APPROVED templates can be sent`);
        }
      }
      const customer = customerForAddress(runtime, context.enterprise, input.customerNumber, type);
      if (customer === undefined) {
        throw new ApiError(400, 'Invalid customerNumber', `"${input.customerNumber}" is not a phone number in international form`);
      }
      const message = sendToCustomer(runtime, { enterprise: context.enterprise, channel, agent, customer }, check.payload);
      return { body: { message_id: message.message_id } };
    });
  }
}
