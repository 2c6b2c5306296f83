/** What the composer hands its template forms beyond any form's props: the agent sends go through, and main's lookups. */
import type { ComposeFormProps } from './compose-form';
import type { ComposeLookups } from './compose-lookups.svelte';

export interface TemplateFormProps extends ComposeFormProps {
  /** The agent sends go through (a WhatsApp template belongs to one); null while the conversation has none. */
  agentId: string | null;
  lookups: ComposeLookups;
}

export const CHOOSE_A_TEMPLATE = 'Choose a template to send';
