-inps = INPS
welcome = Welcome to the { -inps } contact centre.
menu = Press 1 for information, 2 for the automated services.
    .retry = That is not a valid choice. { menu }
amount-due = The amount to pay is { $amount }, due by { $deadline }.
tax-code-heard = You entered { $code }.
open-requests = { $count ->
    [0] You have no open applications.
    [one] You have one open application.
   *[other] You have { $count } open applications.
}
