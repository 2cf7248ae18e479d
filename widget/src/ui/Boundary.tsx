import { Component, type ComponentChildren } from 'preact';

interface Props {
  onError(err: unknown): void;
  children?: ComponentChildren;
}

/** Catches render errors of the UI so they become `error` events, never exceptions in the host page. */
export class Boundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(err: unknown): void {
    this.props.onError(err);
    this.setState({ failed: true });
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
