/**
 * The "New channel" form's state: the fields of every channel type (only the chosen type's are sent), the RCS
 * logo and banner checked as soon as they are picked, and the save: every field checked against the contract's
 * draft before any request, the images uploaded through the media pipeline only then, and the channel created.
 */
import type { RcsImageKind } from '../../../common/channel-config';
import type { InboxBridge } from '../../../common/contract';
import type { ListedChannelType } from '../../../common/contract/admin';
import { ChannelDraft, type ChannelDetails } from '../../../common/contract/admin-channels';
import type { PickedFile } from '../../../common/contract';
import { fail, ok, type InboxError, type Result } from '../../../common/result';
import { rcsImageProblem } from './channel-images';
import { fieldErrors, whenOnline } from './admin-words';

export interface NewChannelFields {
  type: ListedChannelType;
  name: string;
  region: string;
  country: string;
  shortCode: string;
  vlnQuantity: string;
  description: string;
  color: string;
  countries: string[];
  phone: string;
  website: string;
  email: string;
  privacy: string;
  terms: string;
  category: string;
  botName: string;
  accessToken: string;
}

/** An address that stands for an image picked but not uploaded yet, so the draft can be checked before the upload. */
const NOT_UPLOADED_YET = 'https://upload.invalid/picked-image';

export class NewChannelState {
  fields = $state<NewChannelFields>({
    type: 'SMS',
    name: '',
    region: '',
    country: '',
    shortCode: '',
    vlnQuantity: '1',
    description: '',
    color: '#',
    countries: [],
    phone: '',
    website: 'https://',
    email: '',
    privacy: 'https://',
    terms: 'https://',
    category: '',
    botName: '',
    accessToken: '',
  });
  images = $state.raw<Partial<Record<RcsImageKind, PickedFile>>>({});
  /** Each refused field's reason, by field name (`logo`, `banner` as soon as the image is picked). */
  errors = $state.raw<Record<string, string>>({});
  saving = $state(false);
  saveError = $state.raw<InboxError | undefined>(undefined);

  constructor(
    private readonly bridge: InboxBridge,
    private readonly onCreated: (created: ChannelDetails) => Promise<void>,
  ) {}

  /** Checks a picked image at once; a file that breaks the reference's rule is not kept. */
  async pickImage(kind: RcsImageKind, file: PickedFile | undefined): Promise<void> {
    const { [kind]: _dropped, ...rest } = this.errors;
    const problem = file === undefined ? undefined : await rcsImageProblem(kind, file);
    this.errors = problem === undefined ? rest : { ...rest, [kind]: problem };
    const { [kind]: _previous, ...others } = this.images;
    this.images = file === undefined || problem !== undefined ? others : { ...others, [kind]: file };
  }

  /** Checks the form, uploads the RCS images, creates the channel; answers whether it was created. */
  async save(): Promise<boolean> {
    if (this.saving) return false;
    this.saveError = undefined;
    const draft = this.#checked();
    if (draft === undefined) return false;
    this.saving = true;
    const answer = await whenOnline(async () => {
      const uploaded = draft.type === 'RCS' ? await this.#withUploadedImages(draft) : ok(draft);
      return uploaded.ok ? this.bridge.invoke('admin:create-channel', uploaded.value) : uploaded;
    });
    this.saving = false;
    if (!answer.ok) {
      this.saveError = answer.error;
      return false;
    }
    await this.onCreated(answer.value);
    return true;
  }

  /** The draft the fields make, or undefined with each refused field's reason in `errors`. */
  #checked(): ChannelDraft | undefined {
    const { fields } = this;
    const text = (value: string) => value.trim();
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    const imageErrors = Object.fromEntries(Object.entries(this.errors).filter(([field]) => field === 'logo' || field === 'banner'));
    const candidate = (() => {
      switch (fields.type) {
        case 'SMS':
          return {
            type: fields.type,
            name: text(fields.name),
            region: fields.region,
            country: fields.country,
            shortCode: optional(fields.shortCode),
            vlnQuantity: fields.vlnQuantity.trim() === '' ? Number.NaN : Number(fields.vlnQuantity),
          };
        case 'RCS':
          return {
            type: fields.type,
            name: text(fields.name),
            description: text(fields.description),
            color: text(fields.color),
            countries: fields.countries,
            logo: this.images.logo === undefined ? '' : NOT_UPLOADED_YET,
            banner: this.images.banner === undefined ? undefined : NOT_UPLOADED_YET,
            phone: text(fields.phone),
            website: text(fields.website),
            email: text(fields.email),
            privacy: text(fields.privacy),
            terms: text(fields.terms),
            category: optional(fields.category),
          };
        case 'TG':
          return { type: fields.type, name: text(fields.name), botName: text(fields.botName), accessToken: text(fields.accessToken) };
        default:
          return { type: fields.type, name: text(fields.name) };
      }
    })();
    // Optional fields left empty are not sent at all.
    const present = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined));
    const parsed = ChannelDraft.safeParse(present);
    const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error.issues)), ...imageErrors };
    this.errors = errors;
    return parsed.success && Object.keys(errors).length === 0 ? parsed.data : undefined;
  }

  async #withUploadedImages(draft: Extract<ChannelDraft, { type: 'RCS' }>): Promise<Result<ChannelDraft>> {
    const logo = this.images.logo === undefined ? fail('VALIDATION', 'Choose the logo image', { field: 'logo' }) : await this.#upload(this.images.logo);
    if (!logo.ok) return logo;
    const banner = this.images.banner === undefined ? undefined : await this.#upload(this.images.banner);
    if (banner !== undefined && !banner.ok) return banner;
    return ok({ ...draft, logo: logo.value, ...(banner === undefined ? {} : { banner: banner.value }) });
  }

  /** Uploads one image as the composer does, answering the address the service gave it. */
  async #upload(file: PickedFile): Promise<Result<string>> {
    const reference = await this.bridge.fileReference(file);
    if (!reference.ok) return reference;
    const prepared = await this.bridge.invoke('media:prepare', { path: reference.value });
    if (!prepared.ok) return prepared;
    const uploaded = await this.bridge.invoke('media:upload', { path: reference.value, channelType: 'RCS', uploadId: prepared.value.uploadId });
    return uploaded.ok ? ok(uploaded.value.payload.src.uri) : uploaded;
  }
}
