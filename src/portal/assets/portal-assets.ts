/** The page's stylesheet and scripts, served by the bot under `/app/assets/` (no build step, no CDN). */

export const APP_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1f2329;background:#f5f6f7}
a{color:#1456f0}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #ffb300;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:9}
header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;padding:8px 16px;background:#fff;border-bottom:1px solid #dee0e3}
.brand{font-weight:600;text-decoration:none;color:#1f2329}
nav{display:flex;flex-wrap:wrap;gap:4px 12px;flex:1}
nav a{text-decoration:none;padding:4px 2px}nav a[aria-current=page]{font-weight:600;border-bottom:2px solid #1456f0}
.tools{display:flex;gap:8px;align-items:center}.who{color:#646a73}
main{padding:12px 16px;max-width:1200px;margin:0 auto}
h1{font-size:20px;margin:8px 0}h2{font-size:16px;margin:16px 0 8px}
.inline{display:inline}
button{font:inherit;padding:6px 12px;border:1px solid #1456f0;background:#1456f0;color:#fff;border-radius:6px;cursor:pointer;min-height:36px}
.tools button,.shortcuts button{background:#fff;color:#1456f0}
input,select,textarea{font:inherit;padding:5px 8px;border:1px solid #c9cdd4;border-radius:6px;min-height:36px;max-width:100%}
label{display:inline-flex;flex-direction:column;gap:2px;font-size:13px;color:#646a73}
label.check{flex-direction:row;align-items:center;gap:6px}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;background:#fff;padding:12px;border-radius:8px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eff0f1;vertical-align:top}
th{font-weight:600;color:#646a73;font-size:13px}
.fields th{width:30%}
.state{display:inline-block;padding:0 8px;border-radius:10px;background:#e8f3ff;font-size:13px}
.s-escalated_tto,.s-escalated_ttr{background:#ffece8}.s-resolved,.s-closed{background:#e8ffea}.s-pending{background:#fff7e8}
.overdue{color:#d83931;font-weight:600}
.flash{padding:8px 12px;border-radius:6px}.flash.ok{background:#e8ffea}.flash.error{background:#ffece8}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.action{display:flex;flex-direction:column;gap:6px;background:#fff;padding:12px;border-radius:8px}
.text{white-space:pre-wrap;word-break:break-word}
.log{list-style:none;padding:0}.log li{background:#fff;padding:8px;margin-bottom:6px;border-radius:6px}
.log.private li{background:#fffbe6}.meta{color:#646a73;font-size:13px}
.subtitle{font-size:17px;margin:0 0 8px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
.chart{background:#fff;margin:0;padding:12px;border-radius:8px}
.chart svg{width:100%;height:auto}.chart .bar{fill:#3370ff}.chart .lbl,.chart .val{font-size:11px;fill:#1f2329}
.chart .line{fill:none;stroke-width:2}.line.a{stroke:#3370ff}.line.b{stroke:#34c724}.axis{stroke:#c9cdd4}
.key.a{color:#3370ff}.key.b{color:#2ea121}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.shortcuts li{margin:6px 0}.pager{margin:12px 0;display:flex;gap:16px}
.login{max-width:480px;margin:15vh auto;text-align:center}
@media (max-width:640px){
  header{padding:8px}main{padding:8px}
  .tickets thead{display:none}.tickets tr{display:block;border-bottom:1px solid #dee0e3;padding:6px 0}
  .tickets td{display:inline-block;border:0;padding:2px 6px}.tickets td.title{display:block;font-weight:600}
  .fields th{width:40%}.filters label{flex:1 1 45%}
}
.faq{background:#fff;border:1px solid #dee0e3;border-radius:6px;padding:8px 12px;margin:8px 0}.faq h2{font-size:16px;margin:4px 0}
.tickets td ul{margin:0;padding-left:16px}
.counters{display:flex;flex-wrap:wrap;gap:4px 12px;margin:4px 0;font-size:13px}.counters dt{color:#646a73}.counters dd{margin:0 8px 0 0;font-weight:600}
`;

/** Every page: a confirmation on destructive actions is not needed (all are reversible); keeps focus on flash. */
export const APP_JS = `
(function(){'use strict';
  var f=document.querySelector('[data-testid=flash]');
  if(f){f.setAttribute('tabindex','-1');f.focus();}
})();
`;

/** The sign-in page: DingTalk JSAPI → auth code → POST /app/auth/dingtalk → reload (docs/portal.md "Sign-in"). */
export const LOGIN_JS = `
(function(){'use strict';
  var main=document.getElementById('main'), status=document.getElementById('login-status');
  function say(t){status.textContent=t;}
  var dd=window.dd;
  if(!dd||!dd.runtime||!dd.runtime.permission){say(main.getAttribute('data-msg-outside'));return;}
  say(main.getAttribute('data-msg-signing-in'));
  var pending=dd.runtime.permission.requestAuthCode({corpId:main.getAttribute('data-corp-id'),
    onSuccess:function(r){
      fetch('/app/auth/dingtalk',{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json'},body:JSON.stringify({code:r.code})})
        .then(function(res){return res.json().then(function(j){
          if(res.ok){location.replace(location.pathname+location.search);}else{say(j.error||main.getAttribute('data-msg-failed'));}
        });}).catch(function(){say(main.getAttribute('data-msg-failed'));});
    },
    onFail:function(){say(main.getAttribute('data-msg-outside'));}
  });
  if(pending&&pending.catch)pending.catch(function(){});
})();
`;
