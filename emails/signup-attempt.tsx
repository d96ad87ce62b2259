import { Link, Text } from "@react-email/components";
import { ActionButton, Layout, colors, heading, paragraph, small } from "./components/Layout";

export type SignupAttemptProps = {
  customerName?: string;
  /** /account/login */
  signInUrl: string;
  /** /account/forgot: asks for a reset link. */
  resetUrl: string;
};

export function subject(_props: SignupAttemptProps) {
  return "Someone tried to make a Soko account with your email";
}

/** To the owner of an account when the sign-up page was used with its email: the account is unchanged. */
export default function SignupAttempt(props: SignupAttemptProps) {
  return (
    <Layout preview="Your Soko account already uses this email: sign in, or reset your password">
      <Text style={heading}>Hello{props.customerName ? ` ${props.customerName}` : ""},</Text>
      <Text style={paragraph}>
        Someone tried to make an account with your address, but you already have a Soko account with it. If it was you, sign in — or, if
        you've forgotten your password, reset it.
      </Text>
      <ActionButton href={props.signInUrl}>Sign in</ActionButton>
      <Text style={paragraph}>
        Forgotten your password?{" "}
        <Link href={props.resetUrl} style={{ color: colors.clay }}>
          Reset your password
        </Link>
        .
      </Text>
      <Text style={small}>If it wasn't you, ignore this email: nothing about your account has changed.</Text>
    </Layout>
  );
}

SignupAttempt.PreviewProps = {
  customerName: "Amina",
  signInUrl: "http://localhost:3000/account/login",
  resetUrl: "http://localhost:3000/account/forgot",
} satisfies SignupAttemptProps;
