// From a message's text to the words of a command: strips the bot's @mention in group spaces
// (Webex puts the bot's display name first) and normalises whitespace.
export function commandWords(text: string, botNames: string[]): string[] {
  let t = text.replace(/\s+/g, ' ').trim();
  const names = [...botNames].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const name of names) {
    if (t.toLowerCase().startsWith(name.toLowerCase())) {
      const rest = t.slice(name.length);
      if (rest === '' || /^[\s,:]/.test(rest)) {
        t = rest.replace(/^[\s,:]+/, '');
        break;
      }
    }
  }
  return t ? t.split(' ') : [];
}
