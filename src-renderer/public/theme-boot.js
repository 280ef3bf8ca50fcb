/* global window, document */
// Runs before the stylesheet paints anything: puts the last theme choice (or the OS theme) on <html>, so a dark
// window does not flash light while the app starts. A classic script from 'self', as the CSP allows.
;(function () {
  var choice = null
  try {
    choice = window.localStorage.getItem('ringtrue.theme')
  } catch {
    // Storage unavailable: follow the OS.
  }
  var dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches)
  var theme = dark ? 'dark' : 'light'
  document.documentElement.setAttribute('data-theme', theme)
  document.documentElement.style.colorScheme = theme
})()
