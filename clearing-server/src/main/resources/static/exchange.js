// The exchange page: documents in / out / refused and the lag per department and day, from /api/exchange/stats,
// drawn with ECharts (served from its webjar). Text is set with textContent, never as HTML.
(function () {
  'use strict';
  var docsChart, lagChart;

  function cell(tr, text) {
    var td = document.createElement('td');
    td.textContent = text;
    tr.appendChild(td);
  }

  function load() {
    var days = document.getElementById('days').value;
    fetch('/api/exchange/stats?days=' + encodeURIComponent(days), {credentials: 'same-origin'})
      .then(function (r) {
        if (r.status === 401 || r.redirected) { window.location = '/dashboard/login.html'; throw new Error('login'); }
        // a password that must be changed first (issue 15): the dashboard shows the change form
        if (r.status === 403) { window.location = '/dashboard/index.html'; throw new Error('login'); }
        return r.json();
      })
      .then(draw)
      .catch(function (e) { if (e.message !== 'login') { console.error(e); } });
  }

  function draw(data) {
    var rows = data.days || [];
    var dayList = [], parties = [];
    rows.forEach(function (r) {
      if (dayList.indexOf(r.day) < 0) { dayList.push(r.day); }
      if (parties.indexOf(r.party) < 0) { parties.push(r.party); }
    });
    dayList.sort();
    parties.sort();
    function value(party, day, field) {
      for (var i = 0; i < rows.length; i++) {
        if (rows[i].party === party && rows[i].day === day) { return rows[i][field]; }
      }
      return 0;
    }
    var series = [];
    parties.forEach(function (p) {
      series.push({name: p + ' 收 in', type: 'bar', stack: 'in', data: dayList.map(function (d) { return value(p, d, 'in'); })});
      series.push({name: p + ' 发 out', type: 'bar', stack: 'out', data: dayList.map(function (d) { return value(p, d, 'out'); })});
      series.push({name: p + ' 失败 refused', type: 'bar', stack: 'failures', data: dayList.map(function (d) { return value(p, d, 'failures'); })});
    });
    docsChart.setOption({
      tooltip: {trigger: 'axis'},
      legend: {type: 'scroll', top: 0},
      grid: {top: 60, left: 50, right: 20, bottom: 40},
      textStyle: {fontSize: 16},
      xAxis: {type: 'category', data: dayList},
      yAxis: {type: 'value', name: '文档 documents', minInterval: 1},
      series: series
    }, true);
    lagChart.setOption({
      tooltip: {trigger: 'axis'},
      legend: {type: 'scroll', top: 0},
      grid: {top: 50, left: 50, right: 20, bottom: 40},
      textStyle: {fontSize: 16},
      xAxis: {type: 'category', data: dayList},
      yAxis: {type: 'value', name: '秒 s'},
      series: parties.map(function (p) {
        return {name: p, type: 'line', data: dayList.map(function (d) { return value(p, d, 'lagAvgSeconds'); })};
      })
    }, true);
    var body = document.querySelector('#stats tbody');
    body.textContent = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      [r.day, r.party, r['in'], r.out, r.failures, r.lagAvgSeconds, r.lagMaxSeconds].forEach(function (v) { cell(tr, String(v)); });
      body.appendChild(tr);
    });
    var wait = document.querySelector('#waiting tbody');
    wait.textContent = '';
    Object.keys(data.waiting || {}).sort().forEach(function (k) {
      var tr = document.createElement('tr');
      cell(tr, k);
      cell(tr, String(data.waiting[k]));
      wait.appendChild(tr);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    docsChart = echarts.init(document.getElementById('docsChart'));
    lagChart = echarts.init(document.getElementById('lagChart'));
    document.getElementById('days').addEventListener('change', load);
    window.addEventListener('resize', function () { docsChart.resize(); lagChart.resize(); });
    load();
    setInterval(load, 30000);
  });
}());
