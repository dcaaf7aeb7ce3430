/** Stylesheet of the emulator page (inlined; no build step, no CDN). */
export const EMULATOR_PAGE_CSS = String.raw`
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, "PingFang SC", "Microsoft YaHei", "Segoe UI", sans-serif; background: #f2f3f5; color: #1f2329; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 16px; background: #1677ff; color: #fff; }
header h1 { font-size: 16px; margin: 0; font-weight: 600; }
header label { display: flex; align-items: center; gap: 6px; }
header select { font-size: 14px; padding: 3px 6px; border-radius: 4px; border: 0; }
.badge { padding: 2px 8px; border-radius: 10px; font-size: 12px; background: rgba(255,255,255,.2); }
.badge.up { background: #52c41a; } .badge.down { background: #ff4d4f; }
.layout { display: grid; grid-template-columns: 220px 1fr 300px; gap: 0; height: calc(100vh - 48px); }
aside, section { overflow: auto; }
#convs { background: #fff; border-right: 1px solid #e5e6eb; }
.conv { padding: 12px 14px; cursor: pointer; border-bottom: 1px solid #f0f0f0; }
.conv.active { background: #e8f3ff; }
.conv small { color: #8f959e; display: block; }
#chat { display: flex; flex-direction: column; }
#chatTitle { padding: 10px 16px; background: #fff; border-bottom: 1px solid #e5e6eb; font-weight: 600; }
#timeline { flex: 1; overflow: auto; padding: 12px 16px; }
.msg { display: flex; margin: 8px 0; }
.msg.mine { justify-content: flex-end; }
.msg > div { max-width: 70%; min-width: 0; }
.bubble { background: #fff; padding: 8px 12px; border-radius: 8px; white-space: pre-wrap; word-break: break-word; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.mine .bubble { background: #d6e8ff; }
.who { font-size: 12px; color: #8f959e; margin-bottom: 2px; }
.bubble .title { font-weight: 600; }
#composer { display: flex; gap: 8px; padding: 10px 16px; background: #fff; border-top: 1px solid #e5e6eb; }
#composer input { flex: 1; padding: 8px; border: 1px solid #d0d3d6; border-radius: 6px; font-size: 14px; }
button { cursor: pointer; border: 0; border-radius: 6px; padding: 6px 12px; font-size: 13px; background: #1677ff; color: #fff; }
button:disabled { background: #c9cdd4; cursor: not-allowed; }
button.gray { background: #8f959e; } button.red { background: #f54a45; } button.green { background: #34c724; } button.orange { background: #ff8800; }
.card { width: 380px; max-width: 100%; background: #fff; border-radius: 8px; border: 1px solid #e5e6eb; overflow: hidden; }
.card-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 10px 12px; background: #f7f8fa; }
.card-title { font-weight: 600; }
.tag { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #e8f3ff; color: #1677ff; white-space: nowrap; }
.card-body { padding: 8px 12px; }
.card-ref { color: #8f959e; font-size: 12px; }
.fields { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 6px 0; }
.fields dt { color: #646a73; } .fields dd { margin: 0; }
.notice { background: #fff7e8; color: #d46b08; padding: 6px 8px; border-radius: 4px; margin: 6px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px 12px; }
.input-action { display: flex; gap: 6px; width: 100%; }
.input-action input { flex: 1; padding: 6px; border: 1px solid #d0d3d6; border-radius: 6px; }
.card-form { display: flex; flex-direction: column; gap: 8px; margin: 8px 0; padding: 8px; border: 1px solid #e5e6eb; border-radius: 6px; background: #fafbfc; }
.form-field { display: flex; flex-direction: column; gap: 2px; color: #646a73; font-size: 12px; }
.form-field textarea, .form-field select, .form-field input { font: inherit; font-size: 13px; color: #1f2329; padding: 6px; border: 1px solid #d0d3d6; border-radius: 6px; }
.card-form button { align-self: flex-end; }
#side { background: #fff; border-left: 1px solid #e5e6eb; padding: 0 12px; }
#side h3 { font-size: 13px; margin: 14px 0 6px; color: #646a73; }
#received { list-style: none; padding: 0; margin: 0; }
#received li { padding: 6px 0; border-bottom: 1px solid #f0f0f0; font-size: 12px; }
#received li b { font-weight: 600; }
#everyone { width: 100%; font-size: 12px; border-collapse: collapse; }
#everyone td { padding: 3px 0; border-bottom: 1px solid #f5f5f5; }
#everyone tr { cursor: pointer; }
#toast { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); background: #1f2329; color: #fff; padding: 8px 14px; border-radius: 6px; display: none; }
.empty { color: #8f959e; padding: 20px; text-align: center; }
`;
