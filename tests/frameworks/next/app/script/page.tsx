"use client";
// The head script through next/script, as docs/merchants.md shows it: init
// once the script is ready, the handle destroyed on cleanup.
import Script from "next/script";
import { useEffect, useState } from "react";
import type {} from "getcrypto-widget/getcrypto.js";
import type { WidgetHandle } from "getcrypto-widget";

export default function Pay() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!ready) return;
    const api = new URLSearchParams(location.search).get("api") ?? undefined;
    let widget: WidgetHandle | null = null;
    let gone = false;
    window.GetCrypto.init("sandbox_demo_key", "script-tag", {
      project_id: "pr_64e5a94d9c3f4", amount: 11, currency: "eur", order_id: "ORD_NEXT_SCRIPT", language: "en", api_base: api,
    }).then((w) => (gone ? w.destroy() : (widget = w)), () => {});
    return () => {
      gone = true;
      widget?.destroy();
    };
  }, [ready]);
  return (
    <main>
      <Script src="/getcrypto/getcrypto.js" onReady={() => setReady(true)} />
      <div id="script-tag" />
    </main>
  );
}
