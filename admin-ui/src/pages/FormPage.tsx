/** Placeholder until the page is built. */
export default function FormPage() {
  return <div>FormPage</div>;
}
