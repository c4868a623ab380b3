// Anything a user typed (or Webex returned) that we echo in markdown is escaped: no mention,
// link or markup injection.
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/[\r\n]+/g, ' ');
}
