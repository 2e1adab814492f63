// A merchant's Angular app, made by `ng new` and following the package's
// README: the ES module's `init` after the view exists, its handle
// destroyed with the component, its rejection handled when the component
// went first; and the head script from index.html in the same way.
// The page's address says where the API is: `?api=http://127.0.0.1:PORT`.
import { AfterViewInit, Component, OnDestroy, signal } from '@angular/core';
import { init, type InitParams, type WidgetHandle } from 'getcrypto-widget';
import type {} from 'getcrypto-widget/getcrypto.js';

const api = new URLSearchParams(location.search).get('api') ?? undefined;
const events: { name: string; detail: unknown }[] = [];
(window as unknown as { __events: typeof events }).__events = events;

const order = (orderId: string, amount: number): InitParams => ({
  project_id: 'pr_64e5a94d9c3f4', amount, currency: 'eur', order_id: orderId, language: 'en', api_base: api,
});

@Component({
  selector: 'app-checkout',
  template: `<div [id]="mountId()" class="checkout"></div>`,
})
export class Checkout implements AfterViewInit, OnDestroy {
  readonly mountId = signal('bundled');
  private widget: WidgetHandle | null = null;
  private gone = false;

  ngAfterViewInit(): void {
    const el = document.getElementById(this.mountId())!;
    for (const name of ['ready', 'invoice', 'paid', 'error'] as const) {
      el.addEventListener(`getcrypto:${name}`, (e) => events.push({ name, detail: e.detail }));
    }
    init('sandbox_demo_key', this.mountId(), order('ORD_ANGULAR', 11)).then(
      (w) => (this.gone ? w.destroy() : (this.widget = w)),
      (e: Error) => this.gone || events.push({ name: 'error', detail: { message: e.message } }),
    );
  }

  ngOnDestroy(): void {
    this.gone = true;
    this.widget?.destroy();
  }
}

@Component({
  selector: 'app-head-script',
  template: `<div id="script-tag"></div>`,
})
export class HeadScript implements AfterViewInit, OnDestroy {
  private widget: WidgetHandle | null = null;
  private gone = false;

  ngAfterViewInit(): void {
    GetCrypto.init('sandbox_demo_key', 'script-tag', order('ORD_SCRIPT', 11)).then(
      (w) => (this.gone ? w.destroy() : (this.widget = w)),
      () => {},
    );
  }

  ngOnDestroy(): void {
    this.gone = true;
    this.widget?.destroy();
  }
}

@Component({
  imports: [Checkout, HeadScript],
  selector: 'app-root',
  template: `
    <main>
      <h1>Shop</h1>
      <app-checkout />
      <app-head-script />
    </main>
  `,
})
export class App {}
