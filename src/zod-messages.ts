// zod/mini registers no locale, so a refused value would only say "Invalid input"; English
// messages are registered once here, imported by every module that declares a schema. One
// locale only: the full set of zod's locales is over 350 KB that every start-up would load.
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());
