/**
 * The channel, agent and chatbot story handlers of the Administration area against a real sandbox, signed in as its
 * demo account: each sends the reference's request and body (read back from the sandbox's request log), answers
 * the contract's shape, and a bot's access token goes to the service only, never back to the renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../../common/contract';
import { agentHandlers } from '../../../main/admin/agent-handlers';
import { channelHandlers } from '../../../main/admin/channel-handlers';
import { scenarioHandlers } from '../../../main/admin/scenario-handlers';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';

let sandbox: RunningSandbox;
let session: Session;
let admin: ReturnType<typeof channelHandlers> & ReturnType<typeof agentHandlers> & ReturnType<typeof scenarioHandlers>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 7, control: true, customers: 2, messagesPerCustomer: 1 });
  session = new Session({ vault: createMemoryVault('channel admin test'), retry: { maxAttempts: 1 }, responseTimeoutMs: 5_000 });
  const signedIn = await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  admin = { ...channelHandlers(session), ...agentHandlers(session), ...scenarioHandlers(session) };
});

afterAll(async () => {
  session.close();
  await sandbox.close();
});

function writesSince(logLength: number) {
  return sandbox
    .requestLog()
    .slice(logLength)
    .filter((entry) => entry.method !== 'GET' && entry.path !== '/api/auth')
    .map(({ method, path, body }) => ({ method, path, body }));
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('channels and agents', () => {
  it('creates an SMS channel, changes it, adds and deletes numbers, and deletes it, with the reference bodies', async () => {
    const start = sandbox.requestLog().length;
    const created = value(await admin['admin:create-channel']({ type: 'SMS', name: 'Handlers SMS', region: 'EU', country: 'GB', vlnQuantity: 2 }));
    expect(channels['admin:create-channel'].output.safeParse(created).success).toBe(true);
    expect(created.channel).toMatchObject({ type: 'SMS', name: 'Handlers SMS' });
    expect(created.agents).toHaveLength(2);
    expect(created.config).toMatchObject({ region: 'EU', country: 'GB' });
    const id = created.channel.id;

    const stories = value(await admin['admin:chatbot-stories']({})).items;
    const story = stories[0];
    if (story === undefined) throw new Error('The sandbox has no chatbot story');
    const changed = value(
      await admin['admin:update-channel']({ id, type: 'SMS', name: 'Handlers SMS UK', welcomeMessage: 'Hello!', optOutMessage: 'Bye.', chatbot: story }),
    );
    expect(changed).toMatchObject({ welcomeMessage: 'Hello!', optOutMessage: 'Bye.', chatbot: { storyId: story.storyId, origin: story.origin } });
    expect(changed.channel.name).toBe('Handlers SMS UK');

    value(await admin['admin:add-numbers']({ channelId: id, vlnQuantity: 1 }));
    const withThree = value(await admin['admin:channel']({ id }));
    expect(withThree.agents).toHaveLength(3);
    const agent = withThree.agents[0];
    if (agent === undefined) throw new Error('No agent');
    value(await admin['admin:set-agent-chatbot']({ channelId: id, agentId: agent.id, chatbot: story }));
    expect(value(await admin['admin:channel']({ id })).agents[0]?.chatbot).toEqual({ storyId: story.storyId, origin: story.origin });
    value(await admin['admin:delete-agent']({ channelId: id, agentId: agent.id }));
    value(await admin['admin:delete-channel']({ id }));
    const gone = await admin['admin:channel']({ id });
    expect(gone.ok ? 'found' : gone.error.code).toMatch(/NOT_FOUND|GONE/);

    expect(writesSince(start)).toEqual([
      { method: 'POST', path: '/api/channels', body: { type: 'SMS', vln_quantity: 2, config: { name: 'Handlers SMS', region: 'EU', country: 'GB' } } },
      {
        method: 'PATCH',
        path: `/api/channels/${id}`,
        body: {
          config: { name: 'Handlers SMS UK' },
          welcome_message: 'Hello!',
          keyword_events_messages: { opt_out_message: 'Bye.' },
          chatbot: { story_id: story.storyId, origin: story.origin },
        },
      },
      { method: 'POST', path: `/api/channels/${id}/agents`, body: { type: 'SMS', provider: 'IZONET', vln_quantity: 1 } },
      { method: 'PATCH', path: `/api/channels/${id}/agents/${agent.id}`, body: { chatbot: { story_id: story.storyId, origin: story.origin } } },
      { method: 'DELETE', path: `/api/channels/${id}/agents/${agent.id}`, body: undefined },
      { method: 'DELETE', path: `/api/channels/${id}`, body: undefined },
    ]);
  });

  it('creates an RCS channel with its countries as the list the reference asks for', async () => {
    const start = sandbox.requestLog().length;
    const sameFields = {
      description: 'Our brand on RCS',
      color: '#1A4F8B',
      logo: 'https://cdn.example.com/logo.jpg',
      phone: '+1 202 555 0143',
      website: 'https://example.com',
      email: 'help@example.com',
      privacy: 'https://example.com/privacy',
      terms: 'https://example.com/terms',
      category: 'Finance' as const,
    };
    const created = value(await admin['admin:create-channel']({ type: 'RCS', name: 'Handlers RCS', countries: ['US', 'CA'], ...sameFields }));
    expect(created.config).toMatchObject({ country: 'US, CA', color: '#1A4F8B', category: 'Finance' });
    expect(writesSince(start)[0]?.body).toEqual({ type: 'RCS', config: { name: 'Handlers RCS', country: ['US', 'CA'], ...sameFields } });
  });

  it('is refused by the sandbox, too, when white text cannot be read on the RCS colour (line 352)', async () => {
    const answer = await session.call('channels.create', {
      body: {
        type: 'RCS',
        config: {
          name: 'Pale RCS',
          country: ['US'],
          description: 'Too pale',
          color: '#FFD700',
          logo: 'https://cdn.example.com/logo.jpg',
          phone: '+1 202 555 0143',
          website: 'https://example.com',
          email: 'help@example.com',
          privacy: 'https://example.com/privacy',
          terms: 'https://example.com/terms',
        },
      },
    });
    expect(answer.ok ? 'created' : answer.error.message).toContain('contrast');
  });

  it('creates and configures a Telegram bot, and its access token never comes back', async () => {
    const start = sandbox.requestLog().length;
    const token = '1827085009:AAGcSqLyPTdmnNmWL4-handlers';
    const created = value(await admin['admin:create-channel']({ type: 'TG', name: 'Handlers bot', botName: 'HandlersBot', accessToken: token }));
    const agent = created.agents[0];
    if (agent === undefined) throw new Error('A Telegram channel has its bot');
    const newToken = '1827085009:AAGcSqLyPTdmnNmWL4-rotated';
    value(await admin['admin:configure-telegram']({ agentId: agent.id, status: 'HOLD', botName: 'RenamedBot', accessToken: newToken }));
    const details = value(await admin['admin:channel']({ id: created.channel.id }));
    expect(details.config['bot_name']).toBe('RenamedBot');
    expect(JSON.stringify([created, details])).not.toContain('AAGcSqLyPTdmnNmWL4');
    expect(writesSince(start)).toEqual([
      { method: 'POST', path: '/api/channels', body: { type: 'TG', config: { name: 'Handlers bot', bot_name: 'HandlersBot', access_token: '[secret]' } } },
      { method: 'PATCH', path: `/api/agents/telegram/${agent.id}`, body: { status: 'HOLD', config: { bot_name: 'RenamedBot', access_token: '[secret]' } } },
    ]);
  });
});

describe('chatbot stories', () => {
  it('lists the stories by name and sets one on every channel', async () => {
    const stories = value(await admin['admin:chatbot-stories']({})).items;
    expect(stories.length).toBeGreaterThan(0);
    expect(stories.every((story) => story.name !== '' && ['OWN', 'CHATBOT_COM', 'DIALOGFLOW'].includes(story.origin))).toBe(true);
    const story = stories.at(-1);
    if (story === undefined) throw new Error('No story');
    const start = sandbox.requestLog().length;
    value(await admin['admin:set-chatbot-everywhere'](story));
    expect(writesSince(start)).toEqual([{ method: 'PUT', path: '/api/channels/chatbot', body: { story_id: story.storyId, origin: story.origin } }]);
  });
});
