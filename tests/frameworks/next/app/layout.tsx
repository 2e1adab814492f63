import type { ReactNode } from "react";
import { Events } from "./events";

export const metadata = { title: "Shop" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Events />
        {children}
      </body>
    </html>
  );
}
