// satlint in the browser: @satlint/core is pure (no file system, no process, no network), so the
// same lint() and applyFixes() the CLI uses run here on every keystroke.
import { lint, applyFixes } from '@satlint/core';

const EXAMPLE = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: checkout
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
spec:
  selector:
    matchLabels: {app: checkout}
  template:
    metadata:
      labels: {app: checkout}
    spec:
      serviceAccountName: checkout
      containers:
        - name: web
          image: registry.example.com/checkout:3.1.0
`;

const $ = (id) => document.getElementById(id);
const editor = $('manifest');
let fixed = null;

function render() {
  const text = editor.value;
  const [result] = lint([{ path: 'manifest.yaml', text }]);
  const messages = result?.messages ?? [];
  const list = $('findings');
  list.replaceChildren(
    ...messages.map((m) => {
      const li = document.createElement('li');
      li.className = m.severity === 2 ? 'error' : 'warning';
      li.dataset.rule = m.ruleId ?? 'parse';
      li.dataset.line = String(m.line);
      li.innerHTML = '<span class="pos"></span> <b class="sev"></b> <span class="msg"></span> <span class="rule"></span>';
      li.querySelector('.pos').textContent = `${m.line}:${m.column}`;
      li.querySelector('.sev').textContent = m.severity === 2 ? 'error' : 'warning';
      li.querySelector('.msg').textContent = m.message;
      li.querySelector('.rule').textContent = m.ruleId ?? '';
      li.addEventListener('click', () => {
        const offset = text.split('\n').slice(0, m.line - 1).join('\n').length + (m.line > 1 ? 1 : 0) + m.column - 1;
        editor.focus();
        editor.setSelectionRange(offset, offset);
      });
      return li;
    }),
  );
  const { output, fixed: changed } = applyFixes(text, messages);
  fixed = changed ? output : null;
  $('preview').textContent = fixed ?? '(no fixable findings)';
  $('fix').disabled = fixed === null;
  $('status').textContent = `${messages.length} finding${messages.length === 1 ? '' : 's'}`;
}

editor.addEventListener('input', render);
$('fix').addEventListener('click', () => {
  if (fixed === null) return;
  editor.value = fixed;
  render();
});
editor.value = EXAMPLE;
render();
