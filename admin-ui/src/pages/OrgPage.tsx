/** Placeholder until the page is built. */
export default function OrgPage() {
  return <div>OrgPage</div>;
}
