// A command that would change something, written while the bot was not listening (answered after
// a gap): not carried out blindly. The card says what was asked and when, the current state, and
// offers to do it now.
import { t } from '../i18n/translate.js';
import { submitData } from './actions.js';
import { escapeMarkdown } from './escape.js';
import { fallbackText } from './fallback.js';
import { formatDateTime } from './format.js';
import { offerOf } from './offer.js';
import { expandTemplate } from './templates.js';
import type { CardBase, RenderedCard } from './types.js';

export interface LateCommandData extends CardBase {
  /** The command as written (without the bot's mention). */
  text: string;
  askedAt: Date;
  /** "3 minutes", "2 hours": how long ago. */
  ago: string;
  /** The state it would act on now, in a sentence (plain text); '' when not known. */
  state: string;
}

export function renderLateCommand(data: LateCommandData): RenderedCard<'late.command'> {
  const text = data.text.slice(0, 300);
  const asked = t('late.asked', { text: escapeMarkdown(text, 300), at: formatDateTime(data.askedAt), ago: escapeMarkdown(data.ago, 40) });
  const state = escapeMarkdown(data.state, 300);
  const card = expandTemplate('late-command', {
    asked,
    state: state ? t('late.now', { state }) : '',
    runData: submitData('command.late', data.cardId, { text }),
    cancelData: submitData('card.cancel', data.cardId, {}),
  });
  return {
    card,
    offer: offerOf('late.command', card, { text }),
    fallbackText: fallbackText([`**${t('late.title')}** ${asked}`, state ? t('late.now', { state }) : '', t('late.fallbackNot')]),
  };
}
