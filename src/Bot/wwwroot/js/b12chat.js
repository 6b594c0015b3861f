// B12Chat: Web Chat on the bot's own Direct Line endpoint, for the demo page and for a pharmacy's own site.
//
//   <script src="https://BOT/lib/webchat.js"></script>
//   <script src="https://BOT/js/b12chat.js" data-element="b12-chat"></script>
//
// The bot's address is taken from this script's own address. The page never sees the Direct Line secret: it gets
// a conversation token from the bot's token route (or from data-token-url, a route of the pharmacy's own server).
(function () {
  'use strict';

  var STORAGE_KEY = 'b12bot.conversation';
  var ENDED = 5; // botframework-directlinejs ConnectionStatus.Ended
  var script = document.currentScript;
  var botOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;

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
    // Contrast of at least 4.5:1 on the chat's background for the message status (time, feedback buttons).
    subtle: '#56645f',
    timestampColor: '#56645f',
    typingAnimationDuration: 3000,
    rootHeight: '100%',
    rootWidth: '100%'
  };

  var strings = {
    TEXT_INPUT_PLACEHOLDER: 'Stel uw vraag over vitamine B12',
    VOTE_LIKE_ALT: 'Goed antwoord',
    VOTE_DISLIKE_ALT: 'Dit antwoord klopt niet'
  };

  var FEEDBACK_EVENT = 'webchat:activity-status/feedback';
  var REASON_EVENT = 'b12:feedback';
  var formCount = 0;

  // The entry a 👍/👎 is about: the answer's Like/Dislike action names it (object.identifier).
  function ratedEntry(activity) {
    if (!activity || activity.type !== 'event' || activity.name !== FEEDBACK_EVENT) {
      return null;
    }

    var action = (activity.entities || []).filter(function (entity) {
      return entity && (entity['@type'] === 'LikeAction' || entity['@type'] === 'DislikeAction');
    })[0];
    var entry = action && action.object && action.object.identifier;
    return entry ? { entryId: String(entry), dislike: action['@type'] === 'DislikeAction' } : null;
  }

  // After a 👎: "Wat klopte er niet?" under the chat, optional; sending or skipping returns to the send box.
  function reasonForm(element, send) {
    var id = 'b12-reason-' + (++formCount);
    var form = document.createElement('form');
    form.className = 'b12-reason';
    form.hidden = true;
    form.setAttribute('aria-label', 'Toelichting bij uw beoordeling');
    form.innerHTML =
      '<label id="' + id + '-label" for="' + id + '-text">Wat klopte er niet? <span class="b12-reason-optional">(niet verplicht)</span></label>' +
      '<textarea id="' + id + '-text" rows="2" maxlength="500"></textarea>' +
      '<div class="b12-reason-buttons"><button type="submit">Versturen</button> <button type="button" data-skip>Overslaan</button></div>';
    var status = document.createElement('p');
    status.className = 'b12-reason-status';
    status.setAttribute('role', 'status');
    element.parentNode.insertBefore(form, element.nextSibling);
    element.parentNode.insertBefore(status, form.nextSibling);

    var text = form.querySelector('textarea');
    var entryId = null;

    // Styled through the CSSOM (allowed under a strict Content-Security-Policy), so the snippet needs no stylesheet.
    Object.assign(form.style, { display: 'none', gap: '6px', padding: '10px 12px', margin: '8px 0', font: 'inherit',
      color: '#1d2b27', background: '#ffffff', border: '1px solid #56645f', borderRadius: '10px' });
    Object.assign(text.style, { width: '100%', boxSizing: 'border-box', font: 'inherit', padding: '6px 8px',
      border: '1px solid #56645f', borderRadius: '6px' });
    Array.prototype.forEach.call(form.querySelectorAll('button'), function (button) {
      Object.assign(button.style, { font: 'inherit', padding: '6px 14px', minHeight: '36px', borderRadius: '18px',
        border: '1px solid #0b5e47', background: '#ffffff', color: '#0b5e47', cursor: 'pointer' });
    });
    var submit = form.querySelector('button[type="submit"]');
    Object.assign(submit.style, { background: '#0b5e47', color: '#ffffff' });
    Object.assign(status.style, { margin: '4px 0', font: 'inherit', color: '#1d2b27' });

    function close(message) {
      form.hidden = true;
      form.style.display = 'none';
      status.textContent = message;
      var input = element.querySelector('[data-id="webchat-sendbox-input"], input, textarea');
      if (input) {
        input.focus();
      }
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var reason = text.value.trim();
      if (reason && entryId) {
        send({ entryId: entryId, reason: reason });
      }

      close('Dank u voor uw reactie.');
    });
    form.querySelector('[data-skip]').addEventListener('click', function () {
      close('Dank u voor uw beoordeling.');
    });
    form.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        close('Dank u voor uw beoordeling.');
      }
    });

    return {
      ask: function (entry) {
        entryId = entry;
        text.value = '';
        status.textContent = '';
        form.hidden = false;
        form.style.display = 'grid';
        text.focus();
      },
      thank: function () {
        form.hidden = true;
        form.style.display = 'none';
        status.textContent = 'Dank u voor uw beoordeling.';
      }
    };
  }

  // When the server has ended the conversation ("vergeet mij", or forgotten after a long silence): the last messages
  // stay readable, and a button under the chat begins a new conversation when the visitor wants one.
  function endedNotice(element, begin) {
    var notice = document.createElement('div');
    notice.className = 'b12-ended';
    notice.setAttribute('role', 'status');
    notice.innerHTML = '<p>Dit gesprek is beëindigd.</p><button type="button">Nieuw gesprek beginnen</button>';
    Object.assign(notice.style, { display: 'none', gap: '6px', padding: '10px 12px', margin: '8px 0', font: 'inherit',
      color: '#1d2b27', background: '#ffffff', border: '1px solid #56645f', borderRadius: '10px' });
    var text = notice.querySelector('p');
    Object.assign(text.style, { margin: '0', font: 'inherit' });
    var button = notice.querySelector('button');
    Object.assign(button.style, { font: 'inherit', padding: '6px 14px', minHeight: '36px', borderRadius: '18px',
      border: '1px solid #0b5e47', background: '#0b5e47', color: '#ffffff', cursor: 'pointer', justifySelf: 'start' });
    element.parentNode.insertBefore(notice, element.nextSibling);
    button.addEventListener('click', function () {
      notice.hidden = true;
      notice.style.display = 'none';
      begin();
    });

    return {
      show: function () {
        notice.hidden = false;
        notice.style.display = 'grid';
      },
      hide: function () {
        notice.hidden = true;
        notice.style.display = 'none';
      }
    };
  }

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

  function postJson(url, token) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }

    return fetch(url, { method: 'POST', headers: headers, body: '{}' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }

      return response.json();
    });
  }

  function start(options) {
    var element = options.element;
    var directLineUrl = options.bot + '/v3/directline';
    var tokenUrl = options.tokenUrl || options.bot + '/api/webchat/token';
    var onError = options.onError || function () {
      element.textContent = 'De chat is op dit moment niet beschikbaar. Probeert u het later nog eens.';
    };

    function remember(directLine) {
      if (directLine.conversationId && directLine.token) {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ conversationId: directLine.conversationId, token: directLine.token }));
      }
    }

    function freshToken() {
      sessionStorage.removeItem(STORAGE_KEY);
      return postJson(tokenUrl).then(function (result) {
        return { token: result.token };
      });
    }

    // After a page reload: the same conversation, if its token can still be refreshed; otherwise a new one.
    function connection(allowResume) {
      var saved = null;
      try {
        saved = allowResume ? JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null') : null;
      } catch (e) {
        saved = null;
      }

      if (!saved || !saved.token || !saved.conversationId) {
        return freshToken();
      }

      return postJson(directLineUrl + '/tokens/refresh', saved.token)
        .then(function (result) {
          return { token: result.token, conversationId: saved.conversationId };
        })
        .catch(freshToken);
    }

    var currentStore = null;
    var reasons = reasonForm(element, function (value) {
      if (currentStore) {
        currentStore.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: REASON_EVENT, value: value } });
      }
    });

    var ended = endedNotice(element, function () {
      render(false).catch(onError);
    });

    function render(allowResume) {
      ended.hide();
      return connection(allowResume).then(function (found) {
        var restarted = false;
        var keeper = null;
        var directLine = window.WebChat.createDirectLine({
          domain: directLineUrl,
          token: found.token,
          conversationId: found.conversationId,
          webSocket: false
        });

        var store = window.WebChat.createStore({}, function () {
          return function (next) {
            return function (action) {
              if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
                action = Object.assign({}, action, {
                  payload: Object.assign({}, action.payload, { activity: addCitationDefinitions(action.payload.activity) })
                });
              } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload) {
                var rated = ratedEntry(action.payload.activity);
                if (rated) {
                  setTimeout(function () {
                    if (rated.dislike) {
                      reasons.ask(rated.entryId);
                    } else {
                      reasons.thank();
                    }
                  }, 0);
                }
              } else if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
                remember(directLine);
              } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED' && !restarted) {
                // A conversation that could not be resumed (forgotten by the server): start a new one, once.
                restarted = true;
                setTimeout(function () {
                  (found.conversationId ? render(false) : Promise.reject(new Error('connect'))).catch(onError);
                }, 0);
              } else if (action.type === 'DIRECT_LINE/UPDATE_CONNECTION_STATUS' && action.payload &&
                         action.payload.connectionStatus === ENDED && !restarted) {
                // The server ended the conversation: keep its last messages (the confirmation of "vergeet mij")
                // in view and offer a new one, rather than replace them at once or leave a dead chat.
                restarted = true;
                clearInterval(keeper);
                sessionStorage.removeItem(STORAGE_KEY);
                setTimeout(function () { ended.show(); }, 0);
              }

              return next(action);
            };
          };
        });

        currentStore = store;

        // Web Chat refreshes its token every 15 minutes; keep the newest for a page reload.
        keeper = setInterval(function () {
          if (!restarted) {
            remember(directLine);
          }
        }, 60 * 1000);

        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            store: store,
            locale: 'nl-NL',
            overrideLocalizedStrings: strings,
            styleOptions: Object.assign({}, styleOptions, options.styleOptions)
          },
          element
        );
      });
    }

    if (!window.WebChat) {
      onError(new Error('Web Chat did not load'));
      return Promise.resolve();
    }

    return render(true).catch(onError);
  }

  window.B12Chat = { start: start, addCitationDefinitions: addCitationDefinitions };

  // <script src=".../js/b12chat.js" data-element="b12-chat" [data-token-url="/my/token"]>: start by itself.
  var elementId = script && script.getAttribute('data-element');
  if (elementId) {
    var begin = function () {
      var element = document.getElementById(elementId);
      if (element) {
        start({ bot: botOrigin, element: element, tokenUrl: script.getAttribute('data-token-url') || undefined });
      }
    };
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', begin);
    } else {
      begin();
    }
  }
})();
