/**
 * The channel administration's fake service for component tests: the admin bridge of admin-fixtures, whose
 * channel, agent and chatbot story channels keep their data in memory as the service would, with the media
 * pipeline answering an upload's address. Also a JPEG of any size and dimensions, for the RCS images.
 */
import type { AdminChannel } from '../../../common/contract/admin';
import type { ChannelDetails, ChatbotStory } from '../../../common/contract/admin-channels';
import { adminBridge, adminData } from './admin-fixtures';
import { fail, ok, type FakeBridge } from './fake-bridge';

export const stories: ChatbotStory[] = [
  { storyId: 'st-order', origin: 'OWN', name: 'Order tracking' },
  { storyId: 'st-faq', origin: 'OWN', name: 'Frequently asked questions' },
];

function detailsOf({ channel, agents }: AdminChannel): ChannelDetails {
  return {
    channel,
    agents: agents.map((agent) => ({ ...agent, status: 'ACTIVE', chatbot: null })),
    welcomeMessage: null,
    optOutMessage: null,
    helpMessage: null,
    chatbot: null,
    config: {},
  };
}

const telegram: AdminChannel = {
  channel: { id: 'ch-tg', type: 'TG', name: 'Telegram help', status: 'ACTIVE', created: null, modified: null },
  agents: [{ id: 'ag-tg', channelId: 'ch-tg', label: 'HelpDeskBot', created: null, modified: null }],
};

/** A signed-in app on the Administration area's data plus a Telegram channel, every channel of this feature answered. */
export function channelBridge(): FakeBridge {
  const data = adminData();
  data.channels = [...data.channels, telegram];
  const details = new Map(data.channels.map((item) => [item.channel.id, detailsOf(item)]));
  const bridge = adminBridge(data);
  let next = 1;
  const found = (id: string) => details.get(id);
  const listed = (changed: ChannelDetails) => {
    details.set(changed.channel.id, changed);
    const item = { channel: changed.channel, agents: changed.agents.map(({ status: _status, chatbot: _chatbot, ...agent }) => agent) };
    data.channels = data.channels.some(({ channel }) => channel.id === changed.channel.id)
      ? data.channels.map((existing) => (existing.channel.id === changed.channel.id ? item : existing))
      : [...data.channels, item];
    return changed;
  };
  const gone = () => fail('NOT_FOUND', 'Entity not found');
  bridge.answer('admin:chatbot-stories', () => ok({ items: stories }));
  bridge.answer('admin:channel', ({ id }) => {
    const channel = found(id);
    return channel ? ok(channel) : gone();
  });
  bridge.answer('admin:create-channel', (draft) => {
    const id = `ch-new-${next++}`;
    const agentCount = draft.type === 'SMS' ? (draft.vlnQuantity ?? 1) : 1;
    const agents = Array.from({ length: agentCount }, (_, index) => ({
      id: `${id}-ag-${index}`,
      channelId: id,
      label: draft.type === 'TG' ? (draft.botName ?? null) : `1202555${String(index).padStart(4, '0')}`,
      created: null,
      modified: null,
      status: 'ACTIVE',
      chatbot: null,
    }));
    const channel = { id, type: draft.type, name: draft.name ?? '', status: 'ACTIVE' as const, created: null, modified: null };
    return ok(listed({ channel, agents, welcomeMessage: null, optOutMessage: null, helpMessage: null, chatbot: null, config: {} }));
  });
  bridge.answer('admin:update-channel', ({ id, name, welcomeMessage, optOutMessage, helpMessage, chatbot }) => {
    const channel = found(id);
    if (channel === undefined) return gone();
    return ok(
      listed({
        ...channel,
        channel: { ...channel.channel, name: name ?? channel.channel.name },
        welcomeMessage: welcomeMessage ?? channel.welcomeMessage,
        optOutMessage: optOutMessage ?? channel.optOutMessage,
        helpMessage: helpMessage ?? channel.helpMessage,
        chatbot: chatbot ?? channel.chatbot,
      }),
    );
  });
  bridge.answer('admin:delete-channel', ({ id }) => {
    if (!details.delete(id)) return gone();
    data.channels = data.channels.filter(({ channel }) => channel.id !== id);
    return ok({});
  });
  bridge.answer('admin:add-numbers', ({ channelId, vlnQuantity }) => {
    const channel = found(channelId);
    if (channel === undefined) return gone();
    const added = Array.from({ length: vlnQuantity ?? 1 }, () => ({
      id: `ag-new-${next++}`,
      channelId,
      label: `1202555${String(next).padStart(4, '0')}`,
      created: null,
      modified: null,
      status: 'ACTIVE',
      chatbot: null,
    }));
    listed({ ...channel, agents: [...channel.agents, ...added] });
    return ok({});
  });
  bridge.answer('admin:delete-agent', ({ channelId, agentId }) => {
    const channel = found(channelId);
    if (channel === undefined || !channel.agents.some((agent) => agent.id === agentId)) return gone();
    listed({ ...channel, agents: channel.agents.filter((agent) => agent.id !== agentId) });
    return ok({});
  });
  bridge.answer('admin:set-agent-chatbot', ({ channelId, agentId, chatbot }) => {
    const channel = found(channelId);
    if (channel === undefined) return gone();
    listed({ ...channel, agents: channel.agents.map((agent) => (agent.id === agentId ? { ...agent, chatbot } : agent)) });
    return ok({});
  });
  bridge.answer('admin:configure-telegram', ({ agentId, status, botName }) => {
    const channel = [...details.values()].find((candidate) => candidate.agents.some((agent) => agent.id === agentId));
    if (channel === undefined) return gone();
    listed({ ...channel, agents: channel.agents.map((agent) => (agent.id === agentId ? { ...agent, status, label: botName } : agent)) });
    return ok({});
  });
  bridge.answer('admin:set-chatbot-everywhere', (chatbot) => {
    for (const channel of details.values()) details.set(channel.channel.id, { ...channel, chatbot });
    return ok({});
  });
  bridge.answer('media:prepare', ({ path }) =>
    ok({ uploadId: `up-${next++}`, name: path.split('/').at(-1) ?? 'image.jpg', size: 1000, mime: 'image/jpeg', kind: 'image', acceptedBy: ['RCS'] }),
  );
  bridge.answer('media:upload', ({ path, uploadId }) => {
    const name = path.split('/').at(-1) ?? 'image.jpg';
    const uri = `https://omni.mmdsmart.com/api/media/${name}`;
    const ref = { mime: 'image/jpeg', size: 1000, uri };
    return ok({
      uploadId: uploadId ?? 'up',
      mediaId: name,
      name,
      size: 1000,
      mime: 'image/jpeg',
      kind: 'image',
      payload: { type: 'IMAGE', category: 'UNSPECIFIED', src: ref, thumbnail: ref, preview: ref },
      reused: false,
    });
  });
  return bridge;
}

/** A JPEG's opening (start of image, a frame header of these dimensions), padded with a comment to `bytes`. */
export function jpegFile(name: string, width: number, height: number, bytes = 2000): File {
  const frame = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const content = new Uint8Array(Math.max(bytes, frame.length + 4));
  content.set([0xff, 0xd8, ...frame]);
  content.set([0xff, 0xd9], content.length - 2);
  return new File([content], name, { type: 'image/jpeg' });
}
