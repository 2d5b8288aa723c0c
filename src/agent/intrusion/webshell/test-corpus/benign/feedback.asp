<%@ Language="VBScript" %>
<%
Option Explicit
Dim name, comment
name = Trim(Request.Form("name"))
comment = Trim(Request.Form("comment"))
If Request.ServerVariables("REQUEST_METHOD") = "POST" And Len(name) > 0 Then
  Dim conn, cmd
  Set conn = Server.CreateObject("ADODB.Connection")
  conn.Open Application("ConnectionString")
  Set cmd = Server.CreateObject("ADODB.Command")
  Set cmd.ActiveConnection = conn
  cmd.CommandText = "INSERT INTO feedback (name, comment) VALUES (?, ?)"
  cmd.Execute , Array(name, comment)
  conn.Close
  Response.Write "<p>Thanks, " & Server.HTMLEncode(name) & "!</p>"
End If
%>
<form method="post"><input name="name"><textarea name="comment"></textarea><input type="submit"></form>
