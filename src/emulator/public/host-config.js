// A Webex-like Adaptive Cards host config: Webex's sans-serif type scale, its blue accent and its
// tinted container styles, five actions at most in a row, ShowCard opening inline.
(function () {
  'use strict';

  const FONT = '"CiscoSansTT", "Inter", "Helvetica Neue", Helvetica, Arial, sans-serif';
  const text = {
    default: { default: '#121212', subtle: '#666666' },
    dark: { default: '#121212', subtle: '#666666' },
    light: { default: '#FFFFFF', subtle: '#EDEDED' },
    accent: { default: '#0A78CC', subtle: '#3C8FD6' },
    good: { default: '#1D805F', subtle: '#3F9C7C' },
    warning: { default: '#A85C00', subtle: '#C27A1F' },
    attention: { default: '#D42525', subtle: '#DE5050' },
  };
  const style = (backgroundColor) => ({ backgroundColor, foregroundColors: text });

  window.EmulatorHostConfig = {
    fontFamily: FONT,
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E2E2E2' },
    fontTypes: {
      default: {
        fontFamily: FONT,
        fontSizes: { small: 12, default: 14, medium: 17, large: 21, extraLarge: 26 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
      monospace: {
        fontFamily: '"SFMono-Regular", Menlo, Consolas, monospace',
        fontSizes: { small: 12, default: 13, medium: 15, large: 19, extraLarge: 23 },
        fontWeights: { lighter: 300, default: 400, bolder: 600 },
      },
    },
    containerStyles: {
      default: style('#FFFFFF'),
      emphasis: style('#F5F5F5'),
      accent: style('#E8F2FB'),
      good: style('#E7F5EF'),
      warning: style('#FFF4E2'),
      attention: style('#FDECEC'),
    },
    imageSizes: { small: 40, medium: 80, large: 160 },
    actions: {
      maxActions: 5,
      spacing: 'default',
      buttonSpacing: 0, // spaced by CSS `gap` instead, so rows of buttons can wrap cleanly
      showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      iconPlacement: 'leftOfTitle',
      iconSize: 16,
    },
    adaptiveCard: { allowCustomStyle: true },
    factSet: {
      title: { color: 'default', size: 'default', isSubtle: true, weight: 'default', wrap: true, maxWidth: 160 },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 12,
    },
    inputs: {
      label: {
        inputSpacing: 'small',
        requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
        optionalInputs: { weight: 'bolder' },
      },
      errorMessage: { size: 'small', color: 'attention' },
    },
  };
})();
