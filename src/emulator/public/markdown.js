// A tiny, safe markdown subset for the bot's messages and card TextBlocks: everything is escaped
// first, then **bold**, _italic_, `code`, [links](http…), lists and Webex @mentions are added.
(function () {
  'use strict';

  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

  // Runs on already-escaped text: the markers themselves are never escaped characters.
  const emphasis = (s) =>
    s
      .replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[\s(])_(?=\S)(.+?)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>')
      .replace(/(^|[\s(])\*(?=\S)([^*]+?)\*(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');

  // Code spans, mentions and links are cut out before emphasis so their content stays literal.
  const TOKEN = /`([^`]+)`|<@(?:personId|personEmail):[^|>]*\|([^>]*)>|<@all>|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

  function inline(raw) {
    let out = '';
    let last = 0;
    for (const m of raw.matchAll(TOKEN)) {
      out += emphasis(escapeHtml(raw.slice(last, m.index)));
      if (m[1] !== undefined) out += `<code>${escapeHtml(m[1])}</code>`;
      else if (m[2] !== undefined) out += `<span class="mention">@${escapeHtml(m[2])}</span>`;
      else if (m[0] === '<@all>') out += '<span class="mention">@all</span>';
      else out += `<a href="${escapeHtml(m[4])}" target="_blank" rel="noopener noreferrer">${emphasis(escapeHtml(m[3]))}</a>`;
      last = m.index + m[0].length;
    }
    return out + emphasis(escapeHtml(raw.slice(last)));
  }

  function render(text) {
    const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
    const html = [];
    let list = null; // 'ul' | 'ol'
    let para = [];
    const flushPara = () => {
      if (para.length) html.push(`<p>${para.join('<br>')}</p>`);
      para = [];
    };
    const closeList = () => {
      if (list) html.push(`</${list}>`);
      list = null;
    };
    for (const line of lines) {
      const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      const numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        const kind = bullet ? 'ul' : 'ol';
        flushPara();
        if (list !== kind) {
          closeList();
          // A card's "3. …" TextBlock is a list of its own: keep its number.
          html.push(numbered && numbered[1] !== '1' ? `<ol start="${Number(numbered[1])}">` : `<${kind}>`);
          list = kind;
        }
        html.push(`<li>${inline(bullet ? bullet[1] : numbered[2])}</li>`);
      } else if (line.trim() === '') {
        closeList();
        flushPara();
      } else {
        closeList();
        const heading = /^#{1,6}\s+(.*)$/.exec(line);
        para.push(heading ? `<strong>${inline(heading[1])}</strong>` : inline(line));
      }
    }
    closeList();
    flushPara();
    return html.join('');
  }

  window.EmulatorMarkdown = { render, escapeHtml };
})();
