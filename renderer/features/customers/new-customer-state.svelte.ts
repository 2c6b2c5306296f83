/**
 * The "New customer" dialog: the number as typed, read in the chosen country when it has no "+" (the last one chosen
 * is remembered, else the system's region), checked as the agent types with the rules main applies again, and the
 * name. Creating asks main (`customers:create`), which looks in the cache first: a number already a customer's
 * answers that customer, for the agent to open instead.
 */
import type { InboxBridge } from '../../../common/contract';
import { CustomerName } from '../../../common/contract/customers';
import type { Customer } from '../../../common/domain';
import { isPhoneRegion, normalisePhone, type PhoneRegion } from '../../../common/phone-number';
import type { InboxError } from '../../../common/result';
import { rendererStorage } from '../../lib/renderer-storage';

export const phoneRegionKey = 'inbox.new-customer.region';

/** The region of the system's language ("en-GB" → GB), when it names one. */
function systemRegion(): PhoneRegion | undefined {
  const region = new Intl.Locale(navigator.language).maximize().region;
  return region !== undefined && isPhoneRegion(region) ? region : undefined;
}

export class NewCustomerState {
  open = $state(false);
  phone = $state('');
  name = $state('');
  region = $state<PhoneRegion | undefined>(undefined);
  /** Field errors, shown once Create was pressed. */
  phoneError = $state<string | undefined>(undefined);
  nameError = $state<string | undefined>(undefined);
  creating = $state(false);
  error = $state.raw<InboxError | undefined>(undefined);
  /** The number is already this customer's: offered to open. */
  existing = $state.raw<Customer | undefined>(undefined);

  /** "+44 20 7946 0958": the typed number as it will be saved, once it is a valid one. */
  readonly preview = $derived.by(() => {
    const number = normalisePhone(this.phone, this.region);
    return number.ok ? number.value.international : undefined;
  });

  readonly #storage: Storage | undefined;

  constructor(
    private readonly bridge: InboxBridge,
    options: { storage?: Storage } = {},
  ) {
    this.#storage = options.storage ?? rendererStorage();
  }

  show(): void {
    const remembered = this.#storage?.getItem(phoneRegionKey) ?? '';
    this.region = isPhoneRegion(remembered) ? remembered : systemRegion();
    this.phone = '';
    this.name = '';
    this.phoneError = undefined;
    this.nameError = undefined;
    this.error = undefined;
    this.existing = undefined;
    this.open = true;
  }

  close(): void {
    if (!this.creating) this.open = false;
  }

  setRegion(region: string): void {
    this.region = isPhoneRegion(region) ? region : undefined;
    if (this.region !== undefined) this.#storage?.setItem(phoneRegionKey, this.region);
  }

  /** Creates the customer; answers the one to open (new, or found by number after the agent chose to), else undefined. */
  async create(): Promise<Customer | undefined> {
    if (this.creating) return undefined;
    this.existing = undefined;
    this.error = undefined;
    const number = normalisePhone(this.phone, this.region);
    this.phoneError = number.ok ? undefined : number.error.message;
    const name = this.name.trim() === '' ? undefined : CustomerName.safeParse(this.name);
    this.nameError = name === undefined || name.success ? undefined : (name.error.issues[0]?.message ?? 'Check the name');
    if (!number.ok || this.nameError !== undefined) return undefined;
    this.creating = true;
    const created = await this.bridge.invoke('customers:create', {
      phone: this.phone,
      ...(name?.success === true ? { name: name.data } : {}),
      ...(this.region === undefined ? {} : { region: this.region }),
    });
    this.creating = false;
    if (!created.ok) {
      if (created.error.field === 'phone') this.phoneError = created.error.message;
      else this.error = created.error;
      return undefined;
    }
    if (created.value.existing) {
      this.existing = created.value.customer;
      return undefined;
    }
    this.open = false;
    return created.value.customer;
  }
}
