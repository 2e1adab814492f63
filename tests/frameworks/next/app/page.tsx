// A Server Component page (no "use client" here) rendering the checkout as
// the package's README shows it. The page's address says where the API is:
// `?api=http://127.0.0.1:PORT`.
import { GetCryptoCheckout } from "getcrypto-widget/react";

export default async function Page({ searchParams }: { searchParams: Promise<{ api?: string }> }) {
  const { api } = await searchParams;
  return (
    <main>
      <h1>Shop</h1>
      <GetCryptoCheckout className="checkout" apiKey="sandbox_demo_key" projectId="pr_64e5a94d9c3f4" amount={11}
        currency="eur" orderId="ORD_NEXT" language="en" apiBase={api} />
    </main>
  );
}
