/** The template types in the agent's words, in the order the form offers them. */
import type { TemplateType } from '../../../common/api-types';

export const templateTypeWords: Record<TemplateType, string> = {
  TEXT_TEMPLATE: 'Text',
  CARD_TEMPLATE: 'Card',
  LIST_TEMPLATE: 'List',
  CAROUSEL_TEMPLATE: 'Carousel',
};

export const templateTypeChoices = Object.keys(templateTypeWords) as TemplateType[];

/** A type the service answered, in words; an unknown one as the service spelt it. */
export function templateTypeWord(type: string): string {
  return (templateTypeWords as Record<string, string | undefined>)[type] ?? type;
}
