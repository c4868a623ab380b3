// Renders a card with the adaptivecards renderer (the same library Webex's web client builds on)
// and reports clicks: Action.Submit hands over its data already merged with the card's inputs.
(function () {
  'use strict';

  const AC = window.AdaptiveCards;
  const hostConfig = new AC.HostConfig(window.EmulatorHostConfig);

  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = window.EmulatorMarkdown.render(text);
    result.didProcess = true;
  };

  const isWebUrl = (url) => /^https?:\/\//i.test(String(url ?? ''));

  /**
   * @param {object} json the card's content
   * @param {(data: object, title: string) => void} onSubmit
   * @returns {HTMLElement}
   */
  function renderCard(json, onSubmit) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => {
      const type = action.getJsonTypeName();
      if (type === 'Action.Submit') {
        // Inputs win over data keys of the same name, exactly as Webex builds attachmentAction.inputs.
        const data = action.data && typeof action.data === 'object' ? action.data : {};
        onSubmit(data, action.title ?? '');
      } else if (type === 'Action.OpenUrl' && isWebUrl(action.url)) {
        window.open(action.url, '_blank', 'noopener,noreferrer');
      }
    };
    card.parse(json);
    const element = card.render();
    if (!element) throw new Error('the card could not be rendered');
    return element;
  }

  window.EmulatorCards = { renderCard };
})();
