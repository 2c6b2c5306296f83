/**
 * The demo data, the same for the same seed: per account, channels of every type with agents, customers from
 * several countries with conversations in every payload kind and status, a gallery, keyword events, templates,
 * WhatsApp templates in several statuses, link tokens, settings and chatbot stories. Timestamps are relative to now.
 */
import { payloadTypes, type KeywordEventType } from '../../common/api-decisions';
import { createChannel } from '../routes/channels';
import { buildWaTemplate } from '../routes/whatsapp-templates';
import { chatbotModes } from '../../common/api-decisions';
import { Random } from '../random';
import { mediaUrl, type SandboxRuntime } from '../runtime';
import { Enterprise } from '../store';
import type { Agent, Channel, Customer, MediaRecord, Message, MessageOrigin, MessageStatus, Settings, Story, Template } from '../model';
import type { CreateWaTemplateInput } from '../whatsapp-template-rules';
import { seedFiles, type SeedFile } from './assets';
import { agentAnswers, botGreetings, broadcasts, cities, customerOpeners, customerReplies, fill } from './conversations';
import { personName, pickLocale } from './people';

export const DEFAULT_CUSTOMERS = 300;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface SeedContext {
  runtime: SandboxRuntime;
  random: Random;
  enterprise: Enterprise;
  now: number;
  at: (ms: number) => string;
}

function settingsFor(random: Random): Settings {
  return {
    short_links_generation_enabled: true,
    chatbot_settings: {
      OWN: { is_enabled: true },
      CHATBOT_COM: { is_enabled: true, access_token: random.hex(32) },
      DIALOGFLOW: {
        is_enabled: false,
        credentials: {
          type: 'service_account',
          project_id: 'acme-support-sandbox',
          private_key_id: random.hex(40),
          private_key: '-----BEGIN PRIVATE KEY-----\nsandbox-not-a-real-key\n-----END PRIVATE KEY-----\n',
          client_email: 'dialogflow@acme-support-sandbox.iam.gserviceaccount.com',
          client_id: random.digits(21),
          auth_uri: 'https://accounts.google.com/o/oauth2/auth',
          token_uri: 'https://oauth2.googleapis.com/token',
          auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
          client_x509_cert_url: 'https://www.googleapis.com/robot/v1/metadata/x509/dialogflow%40acme-support-sandbox.iam.gserviceaccount.com',
        },
      },
    },
    notification_settings: { new_message_email: false, unread_digest: 'daily' },
  };
}

function storiesFor(random: Random): Story[] {
  return [
    { id: random.uuid(), origin: 'OWN', description: 'Answers "where is my order" with the tracking link', name: 'Order status bot' },
    { id: random.uuid(), origin: 'OWN', description: null, name: 'FAQ assistant' },
    { id: random.hex(24), origin: 'CHATBOT_COM', description: 'Collects name and email from new leads', name: 'Lead capture' },
    { id: random.uuid(), origin: 'DIALOGFLOW', description: null, name: 'Dialogflow support agent' },
  ];
}

function seedChannels(context: SeedContext): Channel[] {
  const { runtime, random, enterprise } = context;
  const seedRuntime: SandboxRuntime = { ...runtime, random };
  const [orderBot, faqBot, leadCapture] = enterprise.stories;
  const keywordMessages = {
    opt_out_message: 'You have been unsubscribed and will not receive more messages. Reply START to join again.',
    help_message: 'Acme Store support: reply with your question, or call +1 800 555 0199 (9:00-18:00).',
  };
  const story = (picked: Story | undefined) => (picked === undefined ? {} : { chatbot: { story_id: picked.id, origin: picked.origin } });
  const welcome = 'Welcome to Acme Store! Reply HELP for help or STOP to opt out.';
  const channels = [
    createChannel(seedRuntime, enterprise, { type: 'SMS', vln_quantity: 2, config: { name: 'SMS USA', region: 'NA', country: 'US' }, ...story(orderBot), keyword_events_messages: keywordMessages, welcome_message: welcome }),
    createChannel(seedRuntime, enterprise, { type: 'SMS', config: { name: 'SMS UK', region: 'EU', country: 'GB', short_code: '60777', mw_sender_list_id: 'mw-sender-184' }, ...story(faqBot), keyword_events_messages: keywordMessages, welcome_message: welcome }),
    createChannel(seedRuntime, enterprise, { type: 'WA', config: { name: 'WhatsApp Support' }, ...story(leadCapture), keyword_events_messages: keywordMessages }),
    createChannel(seedRuntime, enterprise, { type: 'VI', config: { name: 'Viber Promotions' }, ...story(faqBot), keyword_events_messages: keywordMessages }),
    createChannel(seedRuntime, enterprise, { type: 'TG', config: { name: 'Telegram Helpdesk', bot_name: 'AcmeHelpdeskBot', access_token: `${random.digits(10)}:${random.hex(35)}` }, ...story(faqBot), keyword_events_messages: keywordMessages }),
    createChannel(seedRuntime, enterprise, {
      type: 'RCS',
      config: {
        name: 'Acme RCS',
        region: 'EU',
        country: ['GB', 'DE', 'FR', 'ES'],
        description: 'Order updates and support from Acme Store',
        color: '#1A5276',
        logo: 'https://assets.acme.example/rcs/logo-224.jpg',
        banner: 'https://assets.acme.example/rcs/banner-1440x448.jpg',
        phone: '+448005550199',
        label_phone: 'Call support',
        website: 'https://shop.acme.example',
        label_website: 'Shop online',
        email: 'support@acme.example',
        label_email: 'Email us',
        privacy: 'https://shop.acme.example/privacy',
        terms: 'https://shop.acme.example/terms',
        category: 'Shopping & Retail',
      },
      ...story(orderBot),
      keyword_events_messages: keywordMessages,
    }),
    createChannel(seedRuntime, enterprise, { type: 'WECHAT', config: { name: 'WeChat Service' }, ...story(faqBot) }),
    // Still waiting for Meta: its WhatsApp template operations answer 502.
    createChannel(seedRuntime, enterprise, { type: 'WA', config: { name: 'WhatsApp Marketing' } }, 'ON_APPROVAL'),
  ];
  channels.forEach((channel, index) => {
    channel.created = context.at((400 - index * 30) * DAY);
    channel.modified = context.at((20 - index) * DAY);
    for (const agent of channel.agents) {
      agent.created = channel.created;
      agent.modified = channel.created;
    }
  });
  return channels;
}

function seedGallery(context: SeedContext, files: SeedFile[]): MediaRecord[] {
  return files.map((file, index) => {
    const media: MediaRecord = { _id: context.random.uuid(), ...file.content, file_name: file.fileName, created: context.at((60 - index * 7) * DAY) };
    context.runtime.store.register('media', context.enterprise.id, media._id);
    context.enterprise.media.set(media._id, media);
    return media;
  });
}

function seedKeywordEvents(context: SeedContext): void {
  const events: [KeywordEventType, string[], string | undefined][] = [
    ['OPT_OUT', ['stop', 'unsubscribe', 'cancel', 'stopall', 'quit'], undefined],
    ['JOIN', ['start', 'unstop', 'subscribe'], 'Welcome back! You will receive our updates again.'],
    ['HELP', ['help', 'info'], undefined],
  ];
  events.forEach(([type, keywords, message], index) => {
    const id = context.random.uuid();
    const created = context.at((300 - index) * DAY);
    context.runtime.store.register('keywordEvent', context.enterprise.id, id);
    context.enterprise.keywordEvents.set(id, {
      _id: id,
      keywords,
      config: { type, ...(message === undefined ? {} : { message }) },
      created,
      modified: created,
    });
  });
}

function seedTemplates(context: SeedContext, gallery: MediaRecord[]): Template[] {
  const { enterprise } = context;
  const image = gallery[0];
  const imageUri = image === undefined ? '' : mediaUrl(context.runtime, enterprise, image._id);
  const payloads: Template['payload'][] = [
    { type: 'TEXT_TEMPLATE', title: 'Greeting', text: 'Hi! Thanks for contacting Acme Store. How can we help you today?' },
    { type: 'TEXT_TEMPLATE', title: 'Order shipped', text: 'Good news: your order has shipped. Track it here: {{link:146746}}' },
    { type: 'CARD_TEMPLATE', title: 'Spring sale', text: '20% off all sneakers until Sunday', media: { uri: imageUri }, suggestions: [{ reply: { text: 'Shop now' } }] },
    { type: 'LIST_TEMPLATE', title: 'Opening hours', text: 'Mon-Fri 9:00-20:00\nSat 10:00-18:00\nSun 10:00-16:00' },
    { type: 'CAROUSEL_TEMPLATE', title: 'New arrivals', text: 'Fresh styles for the season', cards: [{ title: 'Runner', uri: imageUri }, { title: 'Trail', uri: imageUri }] },
  ];
  return payloads.map((payload, index) => {
    const created = context.at((200 - index * 10) * DAY);
    const template: Template = { _id: context.random.uuid(), enterprise_id: enterprise.id, user_id: enterprise.userId, payload, created, modified: created };
    context.runtime.store.register('template', enterprise.id, template._id);
    enterprise.templates.set(template._id, template);
    return template;
  });
}

function seedWhatsappTemplates(context: SeedContext, agent: Agent, imageUri: string, marketingOnly: boolean): void {
  const seedRuntime: SandboxRuntime = { ...context.runtime, random: context.random };
  const entries: [CreateWaTemplateInput, 'APPROVED' | 'PENDING' | 'REJECTED' | 'DISABLED' | 'IN_APPEAL' | 'PENDING_DELETION', boolean][] = marketingOnly
    ? [[{ category: 'MARKETING', language: 'en', name: 'welcome_offer', body: 'Welcome {{1}}! Here is 10% off your first order: {{2}}' }, 'PENDING', false]]
    : [
        [{ category: 'UTILITY', language: 'en_US', name: 'order_update', body: 'Hi {{1}}, your order {{2}} has shipped and will arrive on {{3}}.', header: { type: 'TEXT', value: 'Order update' }, footer: 'Acme Store', buttons: { type: 'QUICK_REPLY', quickReplyBlocks: ['Track order', 'Talk to an agent'] } }, 'APPROVED', false],
        [{ category: 'MARKETING', language: 'en', name: 'spring_sale', body: 'Spring sale! Get {{1}} off all sneakers until {{2}}.', header: { type: 'IMAGE', value: imageUri }, footer: 'Reply STOP to opt out', buttons: { type: 'CTA', phone: { number: '+18005550199', text: 'Call us' }, website: { link: 'https://shop.acme.example/sale', text: 'Shop now' }, CTAOrder: ['PHONE', 'WEBSITE'] } }, 'APPROVED', true],
        [{ category: 'AUTHENTICATION', language: 'en', name: 'login_code', options: { addSecurityRecommendation: true, codeExpirationMinutes: 10 }, buttons: { otp: { type: 'COPY_CODE', text: 'Copy code' } } }, 'APPROVED', false],
        [{ category: 'MARKETING', language: 'es', name: 'winback_offer', body: '¡Te echamos de menos, {{1}}! Vuelve y obtén un {{2}} de descuento.' }, 'PENDING', false],
        [{ category: 'UTILITY', language: 'en_GB', name: 'holiday_hours', body: 'Our opening hours over the holidays: {{1}}', footer: 'Acme Store' }, 'REJECTED', false],
        [{ category: 'MARKETING', language: 'de', name: 'survey_invite', body: 'Wie war Ihr Einkauf? Antworten Sie mit 1-5.' }, 'IN_APPEAL', false],
        [{ category: 'MARKETING', language: 'en', name: 'old_promo', body: 'Black Friday: everything {{1}} off!' }, 'DISABLED', false],
        [{ category: 'UTILITY', language: 'fr', name: 'legacy_notice', body: 'Votre commande {{1}} est prête.' }, 'PENDING_DELETION', false],
      ];
  entries.forEach(([input, status, activeBroadcast], index) => {
    const template = buildWaTemplate(seedRuntime, input, status);
    template.created = context.at((120 - index * 9) * DAY);
    template.modified = template.created;
    context.enterprise.waTemplates.push({ agentId: agent._id, template, editTimes: [], activeBroadcast });
  });
}

/** The payloads a seeded conversation shows, by kind. */
function samplePayloads(context: SeedContext, gallery: MediaRecord[], templates: Template[], waCardTemplateId: string | undefined) {
  const { runtime, enterprise } = context;
  const data = (media: MediaRecord, variant?: 'preview' | 'thumbnail') => ({
    mime: variant === undefined ? media.mime_type : (media.variantMime ?? media.mime_type),
    size: variant === undefined ? media.full_size : (media[variant]?.length ?? 0),
    uri: mediaUrl(runtime, enterprise, media._id, variant),
  });
  const images = gallery.filter((media) => media.type === 'image');
  const pdf = gallery.find((media) => media.mime_type === 'application/pdf');
  const image = (media: MediaRecord) => ({ type: payloadTypes.image, category: 'UNSPECIFIED', name: media.file_name, src: data(media), thumbnail: data(media, 'thumbnail'), preview: data(media, 'preview') });
  return {
    image: (random: Random) => image(random.pick(images)),
    mediaFile: () => (pdf === undefined ? undefined : { type: payloadTypes.mediaFile, category: 'APPLICATION', name: pdf.file_name, src: data(pdf) }),
    location: (random: Random) => ({ type: payloadTypes.location, latitude: Number((40.7 + random.next() / 10).toFixed(5)), longitude: Number((-74 + random.next() / 10).toFixed(5)) }),
    contact: () => ({ type: payloadTypes.contact, firstname: 'Acme', lastname: 'Support', phone: '18005550199', email: 'support@acme.example', country: 'United States', country_code: 'US', city: 'New York' }),
    carousel: () => ({
      type: payloadTypes.carousel,
      width: 'MEDIUM',
      content: images.slice(0, 3).map((media, index) => ({
        type: 'CARD',
        orientation: 'VERTICAL',
        title: ['Runner', 'Trail', 'Classic'][index] ?? 'Sneaker',
        description: 'From $79',
        media: { tag: media.file_name ?? 'image', height: 'MEDIUM', src: data(media), thumbnail: data(media, 'thumbnail') },
        suggestions: [{ reply: { text: 'Buy now' } }, { reply: { text: 'More info' } }],
      })),
    }),
    template: () => (templates[0] === undefined ? undefined : { type: payloadTypes.template, template_id: templates[0]._id }),
    card: () => (waCardTemplateId === undefined ? undefined : { type: payloadTypes.card, template_id: waCardTemplateId, body_variables: ['20%', 'Sunday'] }),
  };
}

type Samples = ReturnType<typeof samplePayloads>;

/** A non-text payload the channel type sends, now and then. */
function richPayload(random: Random, channel: Channel, samples: Samples, outbound: boolean): unknown {
  const none = (): undefined => undefined;
  switch (channel.type) {
    case 'WA':
      return random.weighted<() => unknown>([[() => samples.image(random), 4], [samples.mediaFile, 2], [() => samples.location(random), 1], [samples.contact, 1], [() => (outbound ? samples.card() : none()), 1]])();
    case 'TG':
      return random.weighted<() => unknown>([[() => samples.image(random), 4], [samples.mediaFile, 2], [() => samples.location(random), 1], [samples.contact, 1], [() => (outbound ? samples.template() : none()), 1]])();
    case 'RCS':
      return random.weighted<() => unknown>([[() => samples.image(random), 3], [samples.mediaFile, 1], [() => (outbound ? samples.carousel() : none()), 2], [() => (outbound ? samples.template() : none()), 1]])();
    case 'VI':
      return samples.image(random);
    default:
      return none();
  }
}

function outboundStatus(random: Random, channel: Channel, ageMs: number, payload: unknown): MessageStatus {
  const hasMedia = typeof payload === 'object' && payload !== null && 'src' in payload;
  if (hasMedia && random.chance(0.05)) return 'UPLOAD_ERROR';
  if (random.chance(0.01)) return 'CREATED';
  if (random.chance(0.04)) return 'ERROR';
  if (random.chance(0.03)) return 'UNDELIVERABLE';
  if (ageMs < 2 * MINUTE) return 'SENT';
  // SMS has no read receipts: it stops at DELIVERED.
  if (channel.type === 'SMS' || ageMs < 10 * MINUTE) return 'DELIVERED';
  return random.chance(0.9) ? 'READ' : 'DELIVERED';
}

function recencyMs(random: Random): number {
  return random.weighted<() => number>([
    [() => random.int(5, 100) * 1000, 4],
    [() => random.int(2, 60) * MINUTE, 11],
    [() => random.int(1, 24) * HOUR, 25],
    [() => random.int(1, 7) * DAY, 35],
    [() => random.int(7, 90) * DAY, 25],
  ])();
}

interface ConversationPlan {
  channel: Channel;
  agent: Agent;
}

function seedCustomers(context: SeedContext, channels: Channel[], samples: Samples): void {
  const { runtime, random, enterprise, now } = context;
  const count = runtime.options.customers ?? DEFAULT_CUSTOMERS;
  const byName = (name: string) => channels.find((channel) => channel.config.name === name);
  const pickChannel = (country: string): Channel | undefined => {
    const weights: [string, number][] =
      country === 'US'
        ? [['SMS USA', 6], ['WhatsApp Support', 3], ['Telegram Helpdesk', 1], ['WeChat Service', 0.3]]
        : country === 'GB'
          ? [['SMS UK', 4], ['WhatsApp Support', 4], ['Viber Promotions', 1], ['Acme RCS', 1]]
          : [['WhatsApp Support', 6], ['Viber Promotions', 2], ['Telegram Helpdesk', 2], ['Acme RCS', 1], ['WeChat Service', 0.3]];
    return byName(random.weighted(weights));
  };
  const optOutEvent = [...enterprise.keywordEvents.values()].find((event) => event.config.type === 'OPT_OUT');
  for (let index = 0; index < count; index++) {
    const locale = pickLocale(random);
    let phone = locale.phone(random);
    while (enterprise.customers.getByPhone(phone) !== undefined) phone = locale.phone(random);
    const name = personName(random, locale);
    const plans: ConversationPlan[] = [];
    const primary = pickChannel(locale.country);
    for (const channel of [primary, random.chance(0.2) ? pickChannel(locale.country) : undefined]) {
      const agent = channel === undefined ? undefined : random.pick(channel.agents);
      if (channel !== undefined && agent !== undefined && !plans.some((plan) => plan.agent === agent)) plans.push({ channel, agent });
    }
    const messageCount = runtime.options.messagesPerCustomer ?? random.weighted([[random.int(2, 6), 5], [random.int(7, 14), 4], [random.int(15, 30), 1]]);
    const lastTime = now - recencyMs(random);
    const times: number[] = [];
    let time = lastTime;
    for (let position = 0; position < messageCount; position++) {
      times.unshift(time);
      time -= random.weighted([[random.int(1, 10) * MINUTE, 6], [random.int(1, 12) * HOUR, 3], [random.int(1, 5) * DAY, 1]]);
    }
    const created = (times[0] ?? lastTime) - random.int(1, 60) * DAY;
    const id = random.uuid();
    const customer: Customer = {
      _id: id,
      name,
      phone,
      country: locale.country,
      subscriptions: Object.fromEntries(plans.map((plan) => [plan.agent._id, true])),
      chatbot_enabled: {},
      chatbot_notification_received: {},
      created: runtime.clock.iso(created),
      modified: runtime.clock.iso(created + random.int(0, 5) * DAY),
      last_message_time: runtime.clock.iso(times[times.length - 1] ?? created),
    };
    const chatbotChannel = plans[0]?.channel;
    if (chatbotChannel !== undefined && random.chance(0.3)) {
      customer.chatbot_enabled[chatbotChannel._id] = random.pick(chatbotModes);
      if (random.chance(0.5)) customer.chatbot_notification_received[chatbotChannel._id] = true;
    }
    if (plans.some((plan) => plan.channel.type === 'TG')) customer.telegram_chat_id = String(random.int(100_000_000, 999_999_999));
    runtime.store.register('customer', enterprise.id, id);
    enterprise.customers.add(customer);
    const values = { first: name.split(' ')[0] ?? name, order: `#${random.int(1000, 9999)}`, city: random.pick(cities) };
    const optsOut = optOutEvent !== undefined && messageCount >= 3 && random.chance(0.03);
    const broadcastFirst = random.chance(0.1);
    const botFirst = customer.chatbot_enabled[plans[0]?.channel._id ?? ''] !== undefined;
    times.forEach((sentAt, position) => {
      const plan = plans.length > 1 && position >= times.length / 2 ? plans[1] : plans[0];
      if (plan === undefined) return;
      let origin: MessageOrigin = position % 2 === 0 ? 'CUSTOMER' : 'AGENT';
      if (position === 0 && broadcastFirst) origin = 'BROADCAST';
      if (position === 1 && botFirst) origin = 'BOT';
      const closingOptOut = optsOut && position >= times.length - 2;
      if (closingOptOut) origin = position === times.length - 2 ? 'CUSTOMER' : 'BOT';
      let payload: unknown;
      if (closingOptOut) {
        payload = { type: 'TEXT', text: origin === 'CUSTOMER' ? 'STOP' : (plan.channel.keyword_events_messages?.opt_out_message ?? 'You have been unsubscribed.') };
      } else if (origin === 'BROADCAST') {
        payload = (plan.channel.type === 'WA' ? samples.card() : undefined) ?? { type: 'TEXT', text: random.pick(broadcasts) };
      } else if (origin === 'BOT') {
        payload = { type: 'TEXT', text: random.pick(botGreetings) };
      } else {
        const rich = random.chance(origin === 'AGENT' ? 0.15 : 0.08) ? richPayload(random, plan.channel, samples, origin === 'AGENT') : undefined;
        const lines = origin === 'CUSTOMER' ? (position === 0 ? customerOpeners : customerReplies) : agentAnswers;
        payload = rich ?? { type: 'TEXT', text: fill(random.pick(lines), values) };
      }
      const message: Message = {
        message_id: random.uuid(),
        customer_id: id,
        agent_id: plan.agent._id,
        payload,
        origin,
        sent: runtime.clock.iso(sentAt),
        created: runtime.clock.iso(sentAt),
        modified: runtime.clock.iso(sentAt),
        status: origin === 'CUSTOMER' ? 'DELIVERED' : outboundStatus(random, plan.channel, now - sentAt, payload),
      };
      runtime.store.register('message', enterprise.id, message.message_id);
      enterprise.messages.add(message);
      if (closingOptOut) customer.subscriptions[plan.agent._id] = false;
    });
  }
}

function seedEnterprise(runtime: SandboxRuntime, files: SeedFile[], account: { email: string; password: string }): void {
  const random = new Random(runtime.options.seed).fork(`enterprise:${account.email.toLowerCase()}`);
  const now = runtime.clock.now();
  const enterprise = new Enterprise(random.uuid(), random.uuid(), account.email, account.password, settingsFor(random));
  runtime.store.addEnterprise(enterprise);
  const context: SeedContext = { runtime, random, enterprise, now, at: (ago) => runtime.clock.iso(now - ago) };
  enterprise.stories = storiesFor(random);
  const channels = seedChannels(context);
  const gallery = seedGallery(context, files);
  seedKeywordEvents(context);
  const templates = seedTemplates(context, gallery);
  const firstImage = gallery[0];
  const imageUri = firstImage === undefined ? '' : mediaUrl(runtime, enterprise, firstImage._id);
  const whatsapp = channels.filter((channel) => channel.type === 'WA');
  whatsapp.forEach((channel) => {
    const agent = channel.agents[0];
    if (agent !== undefined) seedWhatsappTemplates(context, agent, imageUri, channel.status !== 'ACTIVE');
  });
  enterprise.linkTokens = [
    { enabled: true, id: 146746, name: 'Watch this', url: 'https://www.youtube.com/watch?v=X48VuDVv0do' },
    { enabled: true, id: 146747, name: 'Spring catalogue', url: 'https://shop.acme.example/spring' },
    { enabled: false, id: 146748, name: 'Customer survey 2023', url: 'https://forms.acme.example/survey-2023' },
  ];
  const cardTemplate = enterprise.waTemplates.find((record) => record.template.name === 'spring_sale');
  seedCustomers(context, channels, samplePayloads(context, gallery, templates, cardTemplate?.template.id));
}

/** Fill an empty store with every account's demo enterprise. */
export async function seedStore(runtime: SandboxRuntime): Promise<void> {
  const files = await seedFiles();
  seedStoreWith(runtime, files);
}

/** The synchronous part, for reset() once the files exist. */
export function seedStoreWith(runtime: SandboxRuntime, files: SeedFile[]): void {
  for (const account of runtime.options.accounts) seedEnterprise(runtime, files, account);
  runtime.store.dirty = true;
}
