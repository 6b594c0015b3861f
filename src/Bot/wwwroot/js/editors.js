// The editors' page: the weekly totals (the JSON in #weekly-data, also shown as a table) as a bar chart.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('weekly-data').textContent || '[]');
  var canvas = document.getElementById('weekly-chart');
  if (!canvas || !window.Chart) {
    return;
  }

  canvas.chart = new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.map(function (week) { return week.week; }),
      datasets: [
        { label: 'Beantwoord', data: data.map(function (week) { return week.answered; }), backgroundColor: '#0f7a5c' },
        { label: 'Niet beantwoord', data: data.map(function (week) { return week.unanswered; }), backgroundColor: '#b35c00' },
        { label: 'Niet goed bevonden (👎)', data: data.map(function (week) { return week.disliked; }), backgroundColor: '#a4262c' }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
})();
