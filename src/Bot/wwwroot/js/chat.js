// The pharmacy page's chat widget: Web Chat on this server's own Direct Line endpoint.
// The page never sees the Direct Line secret: it asks this server for a conversation token.
(function () {
  'use strict';

  var STORAGE_KEY = 'b12bot.conversation';
  var DIRECT_LINE = location.origin + '/v3/directline';

  var panel = document.getElementById('chat-panel');
  var launcher = document.getElementById('chat-open');
  var minimize = document.getElementById('chat-minimize');
  var errorBox = document.getElementById('chat-error');
  var host = document.getElementById('webchat');

  var styleOptions = {
    accent: '#0f7a5c',
    backgroundColor: '#f7faf9',
    primaryFont: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#d9e3df',
    bubbleBorderRadius: 14,
    bubbleBorderWidth: 1,
    bubbleMaxWidth: 330,
    bubbleFromUserBackground: '#0f7a5c',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserBorderWidth: 0,
    botAvatarInitials: 'B12',
    botAvatarBackgroundColor: '#0f7a5c',
    avatarSize: 36,
    hideUploadButton: true,
    sendBoxButtonColor: '#0f7a5c',
    sendBoxButtonColorOnHover: '#0b5e47',
    sendBoxBorderTop: 'solid 1px #d9e3df',
    sendBoxHeight: 52,
    suggestedActionLayout: 'stacked',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionBackgroundColor: '#f2faf6',
    suggestedActionBorderColor: '#0f7a5c',
    suggestedActionBorderRadius: 18,
    suggestedActionBorderWidth: 1,
    suggestedActionTextColor: '#0b5e47',
    suggestedActionHeight: 34,
    typingAnimationDuration: 3000,
    rootHeight: '100%',
    rootWidth: '100%'
  };

  var strings = {
    TEXT_INPUT_PLACEHOLDER: 'Stel uw vraag over vitamine B12'
  };

  // Web Chat shows a reply's sources from the link definitions in its Markdown ("[1]: url"). Replies carry them as
  // schema.org citations; where the text cites [n] without a definition, add one from the citation, so the
  // source is shown under the answer.
  function addCitationDefinitions(activity) {
    if (!activity || activity.type !== 'message' || typeof activity.text !== 'string') {
      return activity;
    }

    var message = (activity.entities || []).filter(function (entity) {
      return entity && entity.type === 'https://schema.org/Message' && Array.isArray(entity.citation);
    })[0];
    if (!message) {
      return activity;
    }

    // "[3][5]" would read as one reference link in Markdown; "[3] [5]" are two.
    var text = activity.text.replace(/\]\[(?=\d+\])/g, '] [');
    var definitions = message.citation
      .filter(function (claim) {
        var position = claim && claim.position;
        var url = claim && claim.appearance && claim.appearance.url;
        return position && url &&
          text.indexOf('[' + position + ']') !== -1 &&
          text.indexOf('\n[' + position + ']:') === -1;
      })
      .map(function (claim) {
        var title = String(claim.appearance.name || 'Bron').replace(/"/g, "'");
        return '[' + claim.position + ']: ' + encodeURI(claim.appearance.url) + ' "' + title + '"';
      });
    if (!definitions.length && text === activity.text) {
      return activity;
    }

    return Object.assign({}, activity, { text: definitions.length ? text + '\n\n' + definitions.join('\n') : text });
  }

  function remember(directLine) {
    if (directLine.conversationId && directLine.token) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ conversationId: directLine.conversationId, token: directLine.token }));
    }
  }

  function forget() {
    sessionStorage.removeItem(STORAGE_KEY);
  }

  function postJson(url, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }

    return fetch(url, { method: 'POST', headers: headers, body: '{}', credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }

      return response.json();
    });
  }

  // After a page reload: the same conversation, if its token can still be refreshed; otherwise a new one.
  function getConnection() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    } catch (e) {
      saved = null;
    }

    var fresh = function () {
      forget();
      return postJson('/api/webchat/token').then(function (result) {
        return { token: result.token };
      });
    };

    if (!saved || !saved.token || !saved.conversationId) {
      return fresh();
    }

    return postJson(DIRECT_LINE + '/tokens/refresh', saved.token)
      .then(function (result) {
        return { token: result.token, conversationId: saved.conversationId };
      })
      .catch(fresh);
  }

  function showError() {
    host.hidden = true;
    errorBox.hidden = false;
  }

  function start(allowResume) {
    return (allowResume ? getConnection() : (forget(), postJson('/api/webchat/token').then(function (r) { return { token: r.token }; })))
      .then(function (connection) {
        var directLine = window.WebChat.createDirectLine({
          domain: DIRECT_LINE,
          token: connection.token,
          conversationId: connection.conversationId,
          webSocket: false
        });

        var store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
                action = Object.assign({}, action, {
                  payload: Object.assign({}, action.payload, { activity: addCitationDefinitions(action.payload.activity) })
                });
              } else if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
                remember(directLine);
              } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED') {
                if (connection.conversationId) {
                  setTimeout(function () { start(false).catch(showError); }, 0);
                } else {
                  showError();
                }
              }

              return next(action);
            };
          };
        });

        // Web Chat refreshes its token every 15 minutes; keep the newest for a page reload.
        setInterval(function () { remember(directLine); }, 60 * 1000);

        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: store,
            locale: 'nl-NL',
            overrideLocalizedStrings: strings,
            styleOptions: styleOptions
          },
          host
        );
      });
  }

  minimize.addEventListener('click', function () {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.focus();
  });

  launcher.addEventListener('click', function () {
    launcher.hidden = true;
    panel.hidden = false;
    var input = host.querySelector('input, textarea');
    if (input) {
      input.focus();
    }
  });

  if (!window.WebChat) {
    showError();
    return;
  }

  start(true).catch(showError);
})();
