/**
 * In-memory state: one Enterprise per account, and a registry of every id ever issued, so a lookup can tell
 * "never existed" (404) from "another enterprise's" (403) and "deleted" (410).
 */
import { SortedIndex, type SortKey } from './sorted-index';
import type {
  Channel,
  Customer,
  EntityKind,
  KeywordEvent,
  LinkToken,
  MediaRecord,
  Message,
  Settings,
  ShortLink,
  Story,
  Template,
  WaTemplateRecord,
  Agent,
} from './model';

export const customerSortFields = ['created', 'modified', 'name', 'phone', 'country', 'last_message_time'] as const;
export type CustomerSortField = (typeof customerSortFields)[number];

export interface CustomerRecord {
  customer: Customer;
  /** Lower-cased "name phone", what `search` matches against. */
  haystack: string;
  sequence: number;
}

function haystackOf(customer: Customer): string {
  return `${customer.name ?? ''} ${customer.phone}`.toLowerCase();
}

/** Every customer's search text in one string, in one sort order, so a search is a few native scans. */
interface SearchText {
  text: string;
  /** Offset in `text` where each record's text starts. */
  starts: Int32Array;
  records: CustomerRecord[];
  /**
   * Which of a-z (bits 0-25) and 0-9 (bits 26-35, in the second word) each record's text contains: a one-character
   * search (the client leaves those to the server) matches most records, and testing a bit beats finding each one.
   */
  letters: Int32Array;
  digits: Int32Array;
}

/** The bit of a one-character needle in `letters` or `digits`, if it has one. */
function characterBit(character: string): { words: 'letters' | 'digits'; bit: number } | undefined {
  const code = character.charCodeAt(0);
  if (code >= 97 && code <= 122) return { words: 'letters', bit: 1 << (code - 97) };
  if (code >= 48 && code <= 57) return { words: 'digits', bit: 1 << (code - 48) };
  return undefined;
}

export class CustomerTable {
  private readonly searchTexts = new Map<CustomerSortField, SearchText>();
  private readonly byId = new Map<string, CustomerRecord>();
  private readonly byPhone = new Map<string, CustomerRecord>();
  private readonly indexes = new Map<CustomerSortField, SortedIndex<CustomerRecord>>();
  private nextSequence = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): CustomerRecord | undefined {
    return this.byId.get(id);
  }

  getByPhone(phone: string): CustomerRecord | undefined {
    return this.byPhone.get(phone);
  }

  values(): IterableIterator<CustomerRecord> {
    return this.byId.values();
  }

  add(customer: Customer): CustomerRecord {
    const record = { customer, haystack: haystackOf(customer), sequence: this.nextSequence++ };
    this.byId.set(customer._id, record);
    this.byPhone.set(customer.phone, record);
    for (const index of this.indexes.values()) index.insert(record);
    this.searchTexts.clear();
    return record;
  }

  /** Apply a change to a customer and keep the search text and sort orders in step. */
  change(record: CustomerRecord, apply: (customer: Customer) => void): void {
    apply(record.customer);
    record.haystack = haystackOf(record.customer);
    for (const index of this.indexes.values()) index.update(record);
    this.searchTexts.clear();
  }

  remove(id: string): CustomerRecord | undefined {
    const record = this.byId.get(id);
    if (record === undefined) return undefined;
    this.byId.delete(id);
    if (this.byPhone.get(record.customer.phone) === record) this.byPhone.delete(record.customer.phone);
    for (const index of this.indexes.values()) index.remove(record);
    this.searchTexts.clear();
    return record;
  }

  /** Records ascending by `field` (built once, then maintained). */
  sorted(field: CustomerSortField): readonly { item: CustomerRecord }[] {
    let index = this.indexes.get(field);
    if (index === undefined) {
      const keyOf = (record: CustomerRecord): SortKey => record.customer[field] ?? '';
      index = new SortedIndex(() => this.byId.values(), keyOf, (record) => record.sequence);
      this.indexes.set(field, index);
    }
    return index.ascending();
  }

  /**
   * Where the records whose name or phone contains `needle` (lower case) stand in `field` order, ascending. Scans
   * one string per sort order (rebuilt after changes) instead of 100k scattered ones, and answers positions rather
   * than an array of records, so a search that matches nearly everyone stays cheap.
   */
  search(field: CustomerSortField, needle: string): { positions: Int32Array; records: readonly CustomerRecord[] } {
    const searchText = this.searchText(field);
    const { text, starts, records } = searchText;
    const positions = new Int32Array(records.length);
    let count = 0;
    const single = needle.length === 1 ? characterBit(needle) : undefined;
    if (single !== undefined) {
      const words = searchText[single.words];
      for (let position = 0; position < records.length; position++) {
        if (((words[position] ?? 0) & single.bit) !== 0) positions[count++] = position;
      }
    } else if (!needle.includes('\n')) {
      let index = 0;
      let found = text.indexOf(needle);
      while (found !== -1) {
        while (index + 1 < starts.length && (starts[index + 1] ?? 0) <= found) index++;
        positions[count++] = index;
        found = text.indexOf(needle, index + 1 < starts.length ? (starts[index + 1] ?? text.length) : text.length);
      }
    }
    return { positions: positions.subarray(0, count), records };
  }

  private searchText(field: CustomerSortField): SearchText {
    let built = this.searchTexts.get(field);
    if (built === undefined) {
      const records = this.sorted(field).map((entry) => entry.item);
      const starts = new Int32Array(records.length);
      const letters = new Int32Array(records.length);
      const digits = new Int32Array(records.length);
      let offset = 0;
      records.forEach((record, position) => {
        starts[position] = offset;
        offset += record.haystack.length + 1;
        let letterBits = 0;
        let digitBits = 0;
        for (let index = 0; index < record.haystack.length; index++) {
          const code = record.haystack.charCodeAt(index);
          if (code >= 97 && code <= 122) letterBits |= 1 << (code - 97);
          else if (code >= 48 && code <= 57) digitBits |= 1 << (code - 48);
        }
        letters[position] = letterBits;
        digits[position] = digitBits;
      });
      built = { text: records.map((record) => record.haystack).join('\n'), starts, records, letters, digits };
      this.searchTexts.set(field, built);
    }
    return built;
  }
}

/** Messages by id, and each customer's conversation in ascending `sent` order. */
export class MessageLog {
  private readonly byId = new Map<string, Message>();
  private readonly byCustomer = new Map<string, Message[]>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Message | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<Message> {
    return this.byId.values();
  }

  add(message: Message): void {
    this.byId.set(message.message_id, message);
    let conversation = this.byCustomer.get(message.customer_id);
    if (conversation === undefined) {
      conversation = [];
      this.byCustomer.set(message.customer_id, conversation);
    }
    let position = conversation.length;
    while (position > 0 && (conversation[position - 1]?.sent ?? '') > message.sent) position--;
    conversation.splice(position, 0, message);
  }

  remove(id: string): Message | undefined {
    const message = this.byId.get(id);
    if (message === undefined) return undefined;
    this.byId.delete(id);
    const conversation = this.byCustomer.get(message.customer_id) ?? [];
    const position = conversation.indexOf(message);
    if (position >= 0) conversation.splice(position, 1);
    return message;
  }

  forCustomer(customerId: string): readonly Message[] {
    return this.byCustomer.get(customerId) ?? [];
  }

  removeCustomer(customerId: string): void {
    for (const message of this.byCustomer.get(customerId) ?? []) this.byId.delete(message.message_id);
    this.byCustomer.delete(customerId);
  }
}

export class Enterprise {
  readonly channels = new Map<string, Channel>();
  readonly customers = new CustomerTable();
  readonly messages = new MessageLog();
  readonly keywordEvents = new Map<string, KeywordEvent>();
  readonly templates = new Map<string, Template>();
  readonly waTemplates: WaTemplateRecord[] = [];
  readonly media = new Map<string, MediaRecord>();
  readonly shortLinks = new Map<string, ShortLink>();
  linkTokens: LinkToken[] = [];
  stories: Story[] = [];

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly email: string,
    readonly password: string,
    public settings: Settings,
  ) {}

  /** The live agent and its channel. */
  agent(agentId: string): { agent: Agent; channel: Channel } | undefined {
    for (const channel of this.channels.values()) {
      const agent = channel.agents.find((candidate) => candidate._id === agentId);
      if (agent !== undefined) return { agent, channel };
    }
    return undefined;
  }
}

export interface RegistryEntry {
  kind: EntityKind;
  enterpriseId: string;
  deleted: boolean;
}

export class Store {
  readonly enterprises = new Map<string, Enterprise>();
  readonly registry = new Map<string, RegistryEntry>();
  /** Set by every change; the persistence loop writes the data file when it is set. */
  dirty = false;

  enterpriseByEmail(email: string): Enterprise | undefined {
    const wanted = email.toLowerCase();
    for (const enterprise of this.enterprises.values()) if (enterprise.email.toLowerCase() === wanted) return enterprise;
    return undefined;
  }

  addEnterprise(enterprise: Enterprise): void {
    this.enterprises.set(enterprise.id, enterprise);
    this.register('enterprise', enterprise.id, enterprise.id);
  }

  register(kind: EntityKind, enterpriseId: string, id: string): void {
    this.registry.set(id, { kind, enterpriseId, deleted: false });
    this.dirty = true;
  }

  markDeleted(id: string): void {
    const entry = this.registry.get(id);
    if (entry !== undefined) entry.deleted = true;
    this.dirty = true;
  }
}
