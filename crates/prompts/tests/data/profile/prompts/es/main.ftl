-inps = INPS
welcome = Bienvenido al centro de contacto del { -inps }.
menu = Pulse 1 para información, 2 para los servicios automáticos.
    .retry = Opción no válida. { menu }
amount-due = El importe a pagar es { $amount }, antes del { $deadline }.
tax-code-heard = Ha marcado { $code }.
open-requests = { $count ->
    [0] No tiene solicitudes abiertas.
    [one] Tiene una solicitud abierta.
   *[other] Tiene { $count } solicitudes abiertas.
}
