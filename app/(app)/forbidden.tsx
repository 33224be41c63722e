import { ForbiddenPage } from "@/components/forbidden-page";

// Inside the app shell, whose <main> already holds it.
export default function Forbidden() {
  return <ForbiddenPage />;
}
