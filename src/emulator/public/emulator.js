// The emulator page: spaces on the left, the chosen space's messages and a composer on the right.
// Every message (typed ones and the bot's replies) arrives over server-sent events.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const { render: markdown } = window.EmulatorMarkdown;
  const { renderCard } = window.EmulatorCards;
  const api = (path) => `/emulator/api${path}`;

  const state = { session: null, roomId: null, as: 'admin', byRoom: new Map(), rendered: new Set() };

  const initials = (name) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const kb = (bytes) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);
  const space = () => state.session.spaces.find((s) => s.id === state.roomId);
  const person = () => state.session.people.find((p) => p.as === state.as);

  let statusTimer;
  function status(text, isError = false) {
    const el = $('status');
    el.textContent = text;
    el.classList.toggle('error', isError);
    clearTimeout(statusTimer);
    if (!isError) statusTimer = setTimeout(() => (el.textContent = ''), 4000);
  }

  async function post(path, body) {
    const res = await fetch(api(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    if (!res.ok) {
      const problem = await res.json().catch(() => ({}));
      throw new Error(problem.message ?? `HTTP ${res.status}`);
    }
    return res.status === 204 ? null : res.json().catch(() => null);
  }

  function authorKind(message) {
    if (message.author.isBot) return 'bot';
    return state.session.people.find((p) => p.id === message.author.id)?.as ?? 'other';
  }

  function messageElement(message) {
    const li = document.createElement('li');
    li.className = `message ${message.author.isBot ? 'from-bot' : 'from-person'}`;
    li.dataset.id = message.id;
    li.dataset.author = authorKind(message);
    li.innerHTML = `<div class="avatar" aria-hidden="true"></div><div class="message-body"><div class="message-meta"><span class="author"></span><time></time></div></div>`;
    li.querySelector('.avatar').textContent = initials(message.author.name);
    li.querySelector('.author').textContent = message.author.name;
    li.querySelector('time').textContent = time(message.created);
    li.querySelector('time').dateTime = message.created;
    const body = li.querySelector('.message-body');
    let cardShown = false;
    if (message.card) {
      try {
        const holder = document.createElement('div');
        holder.className = 'card';
        holder.appendChild(renderCard(message.card, (data, title) => clickCard(message, data, title)));
        body.appendChild(holder);
        cardShown = true;
      } catch (err) {
        console.warn('card not rendered, showing the fallback text', err);
      }
    }
    // Webex shows the markdown only when there is no card (it is the card's fallback text).
    if (!cardShown && message.markdown) {
      const text = document.createElement('div');
      text.className = 'markdown';
      text.innerHTML = markdown(message.markdown);
      body.appendChild(text);
    }
    if (message.files.length) {
      const files = document.createElement('ul');
      files.className = 'files';
      for (const f of message.files) {
        const item = document.createElement('li');
        item.dataset.ext = (/\.(\w{1,4})$/.exec(f.name)?.[1] ?? 'file').toUpperCase();
        if (f.inlineUrl) {
          // As Webex previews a picture: shown in the message, the download link below it.
          const picture = document.createElement('img');
          picture.className = 'file-image';
          picture.src = f.inlineUrl;
          picture.alt = f.name;
          picture.loading = 'lazy';
          item.classList.add('has-image');
          item.appendChild(picture);
        }
        const link = document.createElement('a');
        link.href = f.url;
        link.download = f.name;
        link.textContent = f.name;
        const size = document.createElement('span');
        size.className = 'file-size';
        size.textContent = kb(f.size);
        item.append(link, size);
        files.appendChild(item);
      }
      body.appendChild(files);
    }
    return li;
  }

  function show(message) {
    if (message.roomId !== state.roomId || state.rendered.has(message.id)) return;
    state.rendered.add(message.id);
    const list = $('messages');
    list.appendChild(messageElement(message));
    list.scrollTop = list.scrollHeight;
  }

  function remember(message) {
    const list = state.byRoom.get(message.roomId) ?? [];
    if (!list.some((m) => m.id === message.id)) list.push(message);
    state.byRoom.set(message.roomId, list);
  }

  async function loadHistory(roomId) {
    const res = await fetch(api(`/spaces/${encodeURIComponent(roomId)}/messages`));
    const { items } = await res.json();
    items.forEach(remember);
    if (roomId === state.roomId) items.forEach(show);
  }

  async function clickCard(message, data, title) {
    try {
      await post('/card-actions', { as: state.as, messageId: message.id, inputs: data });
      status(`${person().name} pressed “${title}”`);
    } catch (err) {
      status(`The click was not sent: ${err.message}`, true);
    }
  }

  function selectSpace(roomId) {
    state.roomId = roomId;
    state.rendered.clear();
    $('messages').replaceChildren();
    const s = space();
    const group = s.type === 'group';
    $('space-title').textContent = s.title;
    $('space-avatar').textContent = initials(s.title);
    $('space-avatar').classList.toggle('bot', !group);
    $('space-sub').textContent = group
      ? `Group space · ${state.session.people.length + 1} members · the bot hears only @mentions`
      : `1:1 space with the bot · ${state.session.people[0].name}`;
    const mention = $('mention');
    mention.hidden = !group;
    mention.textContent = `@${state.session.bot.name}`;
    document.querySelectorAll('#spaces button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.roomId === roomId)));
    (state.byRoom.get(roomId) ?? []).forEach(show);
    void loadHistory(roomId);
    $('composer-input').focus();
  }

  function selectPersona(as) {
    state.as = as;
    const member = as === 'member';
    const direct = state.session.spaces.find((s) => s.type === 'direct');
    // The member is not in the admin's 1:1 space: only the group space makes sense for them.
    document.querySelectorAll('#spaces button').forEach((b) => (b.disabled = member && b.dataset.roomId === direct.id));
    if (member && state.roomId === direct.id) selectSpace(state.session.spaces.find((s) => s.type === 'group').id);
    document.querySelectorAll('#personas input').forEach((i) => (i.checked = i.value === as));
    const p = person();
    $('persona-hint').textContent = member
      ? `${p.name} is in the group space but is not an admin of the bot: commands and clicks are refused.`
      : `${p.name} (${p.email}) is an admin of the bot.`;
  }

  function buildSidebar() {
    const { session } = state;
    for (const s of session.spaces) {
      const li = document.createElement('li');
      li.innerHTML = '<button type="button"><span class="avatar small" aria-hidden="true"></span><span class="space-name"></span></button>';
      const button = li.querySelector('button');
      button.dataset.roomId = s.id;
      li.querySelector('.avatar').textContent = initials(s.title);
      li.querySelector('.avatar').classList.toggle('bot', s.type === 'direct');
      li.querySelector('.space-name').textContent = s.title;
      button.addEventListener('click', () => selectSpace(s.id));
      $('spaces').appendChild(li);
    }
    for (const p of session.people) {
      const label = document.createElement('label');
      label.className = 'persona';
      label.innerHTML = '<input type="radio" name="as"><span class="persona-name"></span><span class="persona-role"></span>';
      const input = label.querySelector('input');
      input.value = p.as;
      label.querySelector('.persona-name').textContent = p.name;
      label.querySelector('.persona-role').textContent = p.role;
      input.addEventListener('change', () => selectPersona(p.as));
      $('personas').appendChild(label);
    }
    $('language-button').addEventListener('click', async (ev) => {
      ev.currentTarget.disabled = true;
      try {
        await post(`/spaces/${encodeURIComponent(state.roomId)}/messages`, { as: 'admin', text: `language ${$('language-select').value}` });
      } catch (err) {
        status(`Not sent: ${err.message}`, true);
      } finally {
        $('language-button').disabled = false;
      }
    });
    if (session.orgs) {
      $('org-switch').hidden = false;
      fetch(api('/orgs'))
        .then((res) => res.json())
        .then(({ orgs }) => {
          for (const org of orgs) {
            const option = document.createElement('option');
            option.value = org.name;
            option.textContent = org.name;
            $('org-select').appendChild(option);
          }
        })
        .catch((err) => status(`Could not list the customer orgs: ${err.message}`, true));
      $('org-button').addEventListener('click', async (ev) => {
        ev.currentTarget.disabled = true;
        const name = $('org-select').value;
        try {
          await post(`/spaces/${encodeURIComponent(state.roomId)}/messages`, { as: 'admin', text: name ? `org use ${name}` : 'org all' });
        } catch (err) {
          status(`Not sent: ${err.message}`, true);
        } finally {
          $('org-button').disabled = false;
        }
      });
    }
    if (session.failUser) {
      $('follow-up').hidden = false;
      $('fail-user-button').hidden = false;
      $('fail-user-hint').hidden = false;
      $('fail-user-button').addEventListener('click', async (ev) => {
        ev.currentTarget.disabled = true;
        try {
          const answer = await post('/fail-user');
          status(answer && answer.userId ? `${answer.userId} now fails in the simulated Webex.` : 'Nobody is pending: nothing to fail.');
        } catch (err) {
          status(`Could not change the simulated Webex: ${err.message}`, true);
        } finally {
          $('fail-user-button').disabled = false;
        }
      });
    }
    if (session.followUp) {
      $('follow-up').hidden = false;
      $('follow-up-button').addEventListener('click', async (ev) => {
        ev.currentTarget.disabled = true;
        try {
          await post('/follow-up');
          status('Follow-up run finished: alerts (if any) are in the spaces.');
        } catch (err) {
          status(`The follow-up run failed: ${err.message}`, true);
        } finally {
          $('follow-up-button').disabled = false;
        }
      });
    }
  }

  function connect() {
    const events = new EventSource(api('/events'));
    const conn = $('connection');
    events.addEventListener('open', () => {
      conn.textContent = 'live';
      conn.classList.add('live');
      void loadHistory(state.roomId); // catch up on anything sent while reconnecting
    });
    events.addEventListener('error', () => {
      conn.textContent = 'reconnecting…';
      conn.classList.remove('live');
    });
    events.addEventListener('message', (ev) => {
      const message = JSON.parse(ev.data);
      remember(message);
      show(message);
    });
  }

  $('composer').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    try {
      await post(`/spaces/${encodeURIComponent(state.roomId)}/messages`, { as: state.as, text });
    } catch (err) {
      input.value = text;
      status(`Not sent: ${err.message}`, true);
    }
  });

  (async function start() {
    state.session = await (await fetch(api('/session'))).json();
    buildSidebar();
    selectSpace(state.session.spaces[0].id);
    selectPersona('admin');
    connect();
    document.body.dataset.ready = 'true';
  })().catch((err) => status(`The emulator could not start: ${err.message}`, true));
})();
