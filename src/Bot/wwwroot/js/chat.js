// The demo page: the chat panel (open from the start, can be made small) around B12Chat.
(function () {
  'use strict';

  var panel = document.getElementById('chat-panel');
  var launcher = document.getElementById('chat-open');
  var minimize = document.getElementById('chat-minimize');
  var errorBox = document.getElementById('chat-error');
  var host = document.getElementById('webchat');

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

  window.B12Chat.start({
    bot: location.origin,
    element: host,
    onError: function () {
      host.hidden = true;
      errorBox.hidden = false;
    }
  });
})();
