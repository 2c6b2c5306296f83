/**
 * The chatbot origin in both of the reference's spellings, end to end: the enum's CHATBOT_COM (line 243) and the
 * request examples' "CHATBOT.COM" (lines 286, 789, 1328). The client takes both and the sandbox, asked directly,
 * takes both too; either way the channel answers the enum's spelling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../main/session/session';
import { createMemoryVault } from '../../../main/vault/memory-vault';
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox } from '../../../sandbox/index';

let sandbox: RunningSandbox;
let session: Session;
let channelId = '';
let agentId = '';
let storyId = '';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
  session = new Session({ vault: createMemoryVault('chatbot origin test') });
  const signedIn = await session.signIn({ ...DEMO_ACCOUNT, baseUrl: sandbox.baseUrl }, { remember: false });
  expect(signedIn.ok).toBe(true);
  const channels = await session.call('channels.list', { query: { type: 'SMS' } });
  if (!channels.ok) throw new Error(channels.error.message);
  channelId = channels.value.channels[0]?._id ?? '';
  agentId = channels.value.channels[0]?.agents?.[0]?._id ?? '';
  const stories = await session.call('scenarios.list');
  if (!stories.ok) throw new Error(stories.error.message);
  storyId = stories.value.stories.find((story) => story.origin === 'CHATBOT_COM')?.id ?? '';
});

afterAll(async () => {
  session.close();
  await sandbox.close();
});

async function originOfChannel(): Promise<unknown> {
  const channel = await session.call('channels.get', { path: { channel_id: channelId } });
  if (!channel.ok) throw new Error(channel.error.message);
  return channel.value.channel.chatbot?.origin;
}

describe('chatbot origin spellings', () => {
  it('the client sends "CHATBOT.COM" and CHATBOT_COM alike on channels, agents and the chatbot switch', async () => {
    for (const origin of ['CHATBOT.COM', 'CHATBOT_COM'] as const) {
      const chatbot = { story_id: storyId, origin };
      const updated = await session.call('channels.update', { path: { channel_id: channelId }, body: { chatbot } });
      expect(updated.ok, origin).toBe(true);
      expect(await originOfChannel()).toBe('CHATBOT_COM');
      const agent = await session.call('agents.update', { path: { channel_id: channelId, agent_id: agentId }, body: { chatbot } });
      expect(agent.ok, origin).toBe(true);
      const switched = await session.call('channels.setChatbot', { body: chatbot });
      expect(switched.ok, origin).toBe(true);
    }
  });

  it('the sandbox itself takes both spellings from any client and answers the enum', async () => {
    const login = await fetch(`${sandbox.baseUrl}/api/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }),
    });
    const { token } = (await login.json()) as { token: string };
    for (const origin of ['CHATBOT.COM', 'CHATBOT_COM', 'OWN']) {
      const answer = await fetch(`${sandbox.baseUrl}/api/channels/${channelId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ chatbot: { story_id: storyId, origin } }),
      });
      expect(answer.status, origin).toBe(200);
      const body = (await answer.json()) as { channel: { chatbot: { origin: string } } };
      expect(body.channel.chatbot.origin).toBe(origin === 'OWN' ? 'OWN' : 'CHATBOT_COM');
    }
  });
});
